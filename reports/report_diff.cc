#include "reports/report_diff.h"

#include <fnmatch.h>

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

namespace pjsim::reports {

namespace {

const Tolerance& rule_for(const std::vector<Tolerance>& rules, const std::string& path) {
  for (const Tolerance& t : rules)
    if (fnmatch(t.pattern.c_str(), path.c_str(), 0) == 0) return t;
  static const Tolerance exact{"*", 0, 0};
  return exact;
}

std::string child_path(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

// Array elements are named by their "key" field when they have one (price rows), as in report.csv.
std::string element_name(const nlohmann::json& child, std::size_t index) {
  return child.is_object() && child.contains("key") && child["key"].is_string() ? child["key"].get<std::string>()
                                                                                 : std::to_string(index);
}

void flatten(const nlohmann::json& node, const std::string& path, std::map<std::string, const nlohmann::json*>& out) {
  if (node.is_object()) {
    for (const auto& [key, child] : node.items()) flatten(child, child_path(path, key), out);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) flatten(node[i], child_path(path, element_name(node[i], i)), out);
  } else {
    out[path] = &node;
  }
}

// pjsim_version says who wrote the report; config_hash changes whenever a (newer) schema adds a
// config key, while the config's leaves themselves are compared one by one.
bool skipped(const std::string& path) { return path == "pjsim_version" || path == "config_hash"; }

}  // namespace

std::vector<Tolerance> default_tolerances() {
  return {{"counts.*", 1e-9, 0}, {"ledger.*", 1e-9, 0}, {"simulation.*", 1e-9, 0}, {"*", 1e-6, 0}};
}

bool ReportDiff::regression() const {
  return std::any_of(rows.begin(), rows.end(), [](const DiffRow& r) { return r.kind != "added"; });
}

void diff_reports(const nlohmann::json& old_report, const nlohmann::json& new_report,
                  const std::vector<Tolerance>& rules, const std::string& prefix, ReportDiff& out) {
  std::map<std::string, const nlohmann::json*> a, b;
  flatten(old_report, "", a);
  flatten(new_report, "", b);
  for (const auto& [path, old_value] : a) {
    if (skipped(path)) continue;
    const auto it = b.find(path);
    if (it == b.end()) {
      out.rows.push_back({prefix + path, "removed", old_value->dump(), "", 0, 0});
      continue;
    }
    const nlohmann::json& new_value = *it->second;
    ++out.compared;
    if (old_value->is_number() && new_value.is_number()) {
      const double x = old_value->get<double>(), y = new_value.get<double>();
      const Tolerance& t = rule_for(rules, path);
      const double diff = std::abs(y - x);
      if (diff <= t.absolute || diff <= t.relative * std::max(std::abs(x), std::abs(y))) continue;
      const double change = x != 0 ? (y - x) / std::abs(x) : (y > 0 ? INFINITY : -INFINITY);
      out.rows.push_back({prefix + path, "moved", old_value->dump(), new_value.dump(), change, t.relative});
    } else if (*old_value != new_value) {
      out.rows.push_back({prefix + path, "changed", old_value->dump(), new_value.dump(), 0, 0});
    }
  }
  for (const auto& [path, new_value] : b)
    if (!a.count(path) && !skipped(path)) out.rows.push_back({prefix + path, "added", "", new_value->dump(), 0, 0});
}

std::string diff_table(const ReportDiff& diff) {
  std::string out;
  std::size_t shown = 0;
  const std::size_t limit = 200;
  if (!diff.rows.empty())
    out += fmt::format("{:<56} {:>16} {:>16} {:>10} {:>9}\n", "figure", "old", "new", "change", "tolerance");
  for (const DiffRow& r : diff.rows) {
    if (shown++ == limit) {
      out += fmt::format("... and {} more (every row: --json)\n", diff.rows.size() - limit);
      break;
    }
    const std::string change = r.kind == "moved" ? fmt::format("{:+.3g}%", 100 * r.relative_change) : r.kind;
    const std::string tol = r.kind == "moved" ? fmt::format("{:.0e}", r.tolerance) : "";
    const auto clip = [](const std::string& s) { return s.size() > 16 ? s.substr(0, 13) + "..." : s; };
    out += fmt::format("{:<56} {:>16} {:>16} {:>10} {:>9}\n", r.path, clip(r.old_value), clip(r.new_value), change, tol);
  }
  const auto regressions = std::count_if(diff.rows.begin(), diff.rows.end(), [](const DiffRow& r) { return r.kind != "added"; });
  out += regressions ? fmt::format("REGRESSION: {} of {} figures moved beyond tolerance\n", regressions, diff.compared)
                     : fmt::format("ok: {} figures within tolerance\n", diff.compared);
  return out;
}

}  // namespace pjsim::reports
