#include "sim/study/diff.h"

#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>

#include <yaml-cpp/yaml.h>

#include "reports/atomic_file.h"
#include "reports/diff_formats.h"
#include "reports/report_diff.h"
#include "reports/run_result.h"
#include "sim/config/errors.h"
#include "sim/config/flatten.h"
#include "sim/study/point_report.h"
#include "sim/study/report_file.h"

namespace pjsim::sim {

namespace {

namespace fs = std::filesystem;

// The reports behind an argument, by point id: "" for a single report, "<id>" for a sweep. A
// serve folder holds serve.json, a sweep of served points points/<id>/serve.json.
std::map<std::string, fs::path> reports_of(const std::string& arg) {
  std::error_code ec;
  const fs::path p(arg);
  if (fs::is_regular_file(p, ec)) return {{"", p}};
  for (const char* name : {"report.json", "serve.json"})
    if (fs::is_regular_file(p / name, ec)) return {{"", p / name}};
  std::map<std::string, fs::path> out;
  if (fs::is_directory(p / "points", ec))
    for (const auto& entry : fs::directory_iterator(p / "points", ec))
      for (const char* name : {"report.json", "serve.json"})
        if (!out.count(entry.path().filename().string()) && fs::is_regular_file(entry.path() / name, ec))
          out[entry.path().filename().string()] = entry.path() / name;
  if (out.empty()) fail_at(Location{arg}, "", "no report.json or serve.json here (a report file, a run or serve folder or a sweep folder)");
  return out;
}

bool is_serve(const fs::path& path) { return path.filename() == "serve.json"; }

// A report.json, or a serve.json (sim/study/point_report.h): both bounded and checked.
nlohmann::json read_any(const fs::path& path) { return is_serve(path) ? read_serve_file(path) : read_report_file(path); }

// A tolerance: finite and not negative (`.nan` would pass every change, `-1` fail every figure).
double tolerance(const YAML::Node& n, const std::string& file, const std::string& key) {
  double v = 0;
  try {
    v = n.as<double>();
  } catch (const YAML::Exception&) {
    fail_at(location_of(file, n.Mark()), key, "expected a number");
  }
  if (!std::isfinite(v) || v < 0)
    fail_at(location_of(file, n.Mark()), key, "expected a finite number >= 0, got " + n.Scalar());
  return v;
}

std::string glob(const YAML::Node& n, const std::string& file, const std::string& key) {
  if (!n.IsScalar()) fail_at(location_of(file, n.Mark()), key, "expected a glob such as \"energy_pj.*\"");
  const std::string why = reports::glob_error(n.Scalar());
  if (!why.empty()) fail_at(location_of(file, n.Mark()), key, "\"" + n.Scalar() + "\" is not a valid glob: " + why);
  return n.Scalar();
}

struct TolerancesFile {
  std::vector<reports::Tolerance> rules;
  std::vector<std::string> ignore;
  std::map<std::string, std::string> rename;  ///< old point id -> new point id
};

TolerancesFile read_tolerances(const std::string& file) {
  TolerancesFile t;
  if (file.empty()) {
    t.rules = reports::default_tolerances();
    return t;
  }
  const YAML::Node root = parse_yaml(read_text_file(file), file);
  if (!root.IsMap()) fail_at(Location{file, 1, 1}, "", "expected a map with `tolerances:`, `ignore:` or `rename:`");
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    if (key == "tolerances") {
      if (!v.IsSequence()) fail_at(location_of(file, v.Mark()), key, "expected a list of {path, relative, absolute}");
      for (const auto& item : v) {
        if (!item.IsMap()) fail_at(location_of(file, item.Mark()), key, "expected {path, relative, absolute}");
        reports::Tolerance rule;
        for (const auto& field : item) {
          const std::string name = field.first.Scalar();
          if (name == "path") rule.pattern = glob(field.second, file, "tolerances.path");
          else if (name == "relative") rule.relative = tolerance(field.second, file, "tolerances.relative");
          else if (name == "absolute") rule.absolute = tolerance(field.second, file, "tolerances.absolute");
          else fail_at(location_of(file, field.first.Mark()), "tolerances." + name, "unknown key; valid keys: absolute, path, relative");
        }
        if (rule.pattern.empty()) fail_at(location_of(file, item.Mark()), "tolerances.path", "missing");
        t.rules.push_back(rule);
      }
    } else if (key == "ignore") {
      if (!v.IsSequence()) fail_at(location_of(file, v.Mark()), key, "expected a list of globs");
      for (const auto& item : v) t.ignore.push_back(glob(item, file, "ignore"));
    } else if (key == "rename") {
      if (!v.IsMap()) fail_at(location_of(file, v.Mark()), key, "expected a map of old point id: new point id");
      for (const auto& pair : v) {
        if (!pair.second.IsScalar()) fail_at(location_of(file, pair.second.Mark()), "rename." + pair.first.Scalar(), "expected a point id");
        t.rename[pair.first.Scalar()] = pair.second.Scalar();
      }
    } else {
      fail_at(location_of(file, kv.first.Mark()), key, "unknown key; valid keys: ignore, rename, tolerances");
    }
  }
  for (const auto& rule : reports::default_tolerances()) t.rules.push_back(rule);
  return t;
}

void emit(const std::string& where, const std::string& text) {
  if (where == "-") std::cout << text;
  else reports::write_file_atomically(where, text);
}

}  // namespace

int run_diff(const DiffOptions& options) {
  if (options.fail_on != "change" && options.fail_on != "regression")
    throw UserError("--fail-on: \"" + options.fail_on + "\" is not change or regression");
  if (options.json == "-" && options.markdown == "-") throw UserError("--json and --markdown: only one of them can go to stdout");
  const TolerancesFile t = read_tolerances(options.tolerances);
  const auto old_reports = reports_of(options.old_path);
  const auto new_reports = reports_of(options.new_path);
  std::map<std::string, std::string> new_id_of;  // old id -> the id it has in NEW
  for (const auto& [id, path] : old_reports) new_id_of[id] = t.rename.count(id) ? t.rename.at(id) : id;

  reports::ReportDiff diff;
  std::map<std::string, bool> matched;
  for (const auto& [id, path] : old_reports) {
    const std::string new_id = new_id_of[id];
    const auto it = new_reports.find(new_id);
    const std::string prefix = id.empty() ? "" : new_id + "/";
    if (it == new_reports.end()) {
      diff.rows.push_back({(id.empty() ? "" : id + "/") + "report.json", "removed", "regression", nlohmann::json(path.string()), std::nullopt,
                           std::nullopt, {"*", 0, 0}, 0});
      continue;
    }
    matched[new_id] = true;
    if (is_serve(path) != is_serve(it->second))
      fail_at(Location{it->second.string()}, "", "is a " + it->second.filename().string() + " but " + path.string() +
                                                     " is a " + path.filename().string() + ": a run and a serve replay do not compare");
    reports::diff_reports(read_any(path), read_any(it->second), t.rules, prefix, diff, t.ignore);
  }
  for (const auto& [id, path] : new_reports)
    if (!matched.count(id))
      diff.rows.push_back({id + "/report.json", "added", "added", std::nullopt, nlohmann::json(path.string()), std::nullopt, {"*", 0, 0}, 0});
  reports::sort_rows(diff);

  const reports::DiffLabels labels{options.old_path, options.new_path, options.fail_on == "change"};
  if (!options.json.empty()) emit(options.json, reports::diff_json(diff, labels).dump(2) + "\n");
  if (!options.markdown.empty()) emit(options.markdown, reports::diff_markdown(diff, labels));
  if (!options.junit.empty()) emit(options.junit, reports::diff_junit(diff, labels));
  if (options.json != "-" && options.markdown != "-") std::cout << reports::diff_table(diff, labels);
  return diff.fails(labels.strict) ? 1 : 0;
}

}  // namespace pjsim::sim
