#include "sim/study/diff.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "reports/report_diff.h"
#include "sim/config/errors.h"
#include "sim/config/flatten.h"

namespace pjsim::sim {

namespace {

namespace fs = std::filesystem;

nlohmann::json read_json(const fs::path& path) {
  const std::string text = read_text_file(path.string());
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    fail_at(Location{path.string()}, "", std::string("not a JSON report: ") + e.what());
  }
}

// The reports behind an argument, by point id: "" for a single report, "<id>" for a sweep.
std::map<std::string, fs::path> reports_of(const std::string& arg) {
  std::error_code ec;
  const fs::path p(arg);
  if (fs::is_regular_file(p, ec)) return {{"", p}};
  if (fs::is_regular_file(p / "report.json", ec)) return {{"", p / "report.json"}};
  std::map<std::string, fs::path> out;
  if (fs::is_directory(p / "points", ec))
    for (const auto& entry : fs::directory_iterator(p / "points", ec))
      if (fs::is_regular_file(entry.path() / "report.json", ec)) out[entry.path().filename().string()] = entry.path() / "report.json";
  if (out.empty()) fail_at(Location{arg}, "", "no report.json here (a report file, a run folder or a sweep folder)");
  return out;
}

double number(const YAML::Node& n, const std::string& file, const std::string& key) {
  try {
    return n.as<double>();
  } catch (const YAML::Exception&) {
    fail_at(location_of(file, n.Mark()), key, "expected a number");
  }
}

std::vector<reports::Tolerance> read_tolerances(const std::string& file) {
  std::vector<reports::Tolerance> rules;
  if (!file.empty()) {
    const YAML::Node root = parse_yaml(read_text_file(file), file);
    const YAML::Node list = root.IsMap() ? root["tolerances"] : YAML::Node();
    if (!list || !list.IsSequence()) fail_at(Location{file, 1, 1}, "tolerances", "expected `tolerances:` with a list of {path, relative, absolute}");
    for (const auto& item : list) {
      if (!item.IsMap()) fail_at(location_of(file, item.Mark()), "tolerances", "expected {path, relative, absolute}");
      reports::Tolerance t;
      for (const auto& kv : item) {
        const std::string key = kv.first.Scalar();
        if (key == "path") t.pattern = kv.second.Scalar();
        else if (key == "relative") t.relative = number(kv.second, file, "tolerances.relative");
        else if (key == "absolute") t.absolute = number(kv.second, file, "tolerances.absolute");
        else fail_at(location_of(file, kv.first.Mark()), "tolerances." + key, "unknown key; valid keys: absolute, path, relative");
      }
      if (t.pattern.empty()) fail_at(location_of(file, item.Mark()), "tolerances.path", "missing");
      rules.push_back(t);
    }
  }
  for (const auto& t : reports::default_tolerances()) rules.push_back(t);
  return rules;
}

}  // namespace

int run_diff(const DiffOptions& options) {
  const auto rules = read_tolerances(options.tolerances);
  const auto old_reports = reports_of(options.old_path);
  const auto new_reports = reports_of(options.new_path);
  reports::ReportDiff diff;
  for (const auto& [id, path] : old_reports) {
    const auto it = new_reports.find(id);
    const std::string prefix = id.empty() ? "" : id + "/";
    if (it == new_reports.end()) {
      diff.rows.push_back({prefix + "report.json", "removed", path.string(), "", 0, 0});
      continue;
    }
    reports::diff_reports(read_json(path), read_json(it->second), rules, prefix, diff);
  }
  for (const auto& [id, path] : new_reports)
    if (!old_reports.count(id)) diff.rows.push_back({id + "/report.json", "added", "", path.string(), 0, 0});
  std::cout << reports::diff_table(diff);
  return diff.regression() ? 1 : 0;
}

}  // namespace pjsim::sim
