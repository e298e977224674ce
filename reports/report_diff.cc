#include "reports/report_diff.h"

#include <fnmatch.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace pjsim::reports {

namespace {

bool matches(const std::string& pattern, const std::string& path) { return fnmatch(pattern.c_str(), path.c_str(), 0) == 0; }

const Tolerance& rule_for(const std::vector<Tolerance>& rules, const std::string& path) {
  for (const Tolerance& t : rules)
    if (matches(t.pattern, path)) return t;
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
// serve.json's serve_hash likewise (config and serving keys, compared key by key under config).
bool skipped(const std::string& path) { return path == "pjsim_version" || path == "config_hash" || path == "serve_hash"; }

bool ignored(const std::vector<std::string>& ignore, const std::string& path, const std::string& prefixed) {
  return std::any_of(ignore.begin(), ignore.end(), [&](const std::string& g) { return matches(g, path) || matches(g, prefixed); });
}

std::string moved_verdict(const std::string& path, double change) {
  switch (figure_info(path).better) {
    case Better::lower: return change < 0 ? "improvement" : "regression";
    case Better::higher: return change > 0 ? "improvement" : "regression";
    case Better::neither: return "change";
  }
  return "change";
}

}  // namespace

std::vector<Tolerance> default_tolerances() {
  return {{"counts.*", 1e-9, 0}, {"ledger.*", 1e-9, 0}, {"simulation.*", 1e-9, 0}, {"*", 1e-6, 0}};
}

std::string glob_error(const std::string& pattern) {
  if (pattern.empty()) return "an empty pattern";
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (i + 1 == pattern.size()) return "it ends with a lone '\\'";
      ++i;
    } else if (pattern[i] == '[') {
      std::size_t j = i + 1;
      if (j < pattern.size() && (pattern[j] == '!' || pattern[j] == '^')) ++j;
      if (j < pattern.size() && pattern[j] == ']') ++j;  // a ']' first is part of the set
      while (j < pattern.size() && pattern[j] != ']') ++j;
      if (j == pattern.size()) return "an unterminated '[' at column " + std::to_string(i + 1);
      i = j;
    }
  }
  return "";
}

std::size_t ReportDiff::count(const std::string& verdict) const {
  return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [&](const DiffRow& r) { return r.verdict == verdict; }));
}

bool ReportDiff::fails(bool strict) const {
  return std::any_of(rows.begin(), rows.end(), [strict](const DiffRow& r) {
    return r.verdict == "regression" || (strict && r.verdict != "added");
  });
}

std::string figure_of(const std::string& path) {
  const auto slash = path.find('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void diff_reports(const nlohmann::json& old_report, const nlohmann::json& new_report, const std::vector<Tolerance>& rules,
                  const std::string& prefix, ReportDiff& out, const std::vector<std::string>& ignore) {
  std::map<std::string, const nlohmann::json*> a, b;
  flatten(old_report, "", a);
  flatten(new_report, "", b);
  for (const auto& [path, old_value] : a) {
    if (skipped(path) || ignored(ignore, path, prefix + path)) continue;
    const Tolerance& t = rule_for(rules, path);
    const int headline = figure_info(path).headline;
    const auto it = b.find(path);
    if (it == b.end()) {
      out.rows.push_back({prefix + path, "removed", "regression", *old_value, std::nullopt, std::nullopt, t, headline});
      continue;
    }
    const nlohmann::json& new_value = *it->second;
    ++out.compared;
    if (old_value->is_number() && new_value.is_number()) {
      const double x = old_value->get<double>(), y = new_value.get<double>();
      const double diff = std::abs(y - x);
      if (diff <= t.absolute || diff <= t.relative * std::max(std::abs(x), std::abs(y))) {
        out.within.push_back(prefix + path);
        continue;
      }
      const std::optional<double> change = x != 0 ? std::optional<double>((y - x) / std::abs(x)) : std::nullopt;
      out.rows.push_back({prefix + path, "moved", moved_verdict(path, y - x), *old_value, new_value, change, t, headline});
    } else if (*old_value != new_value) {
      out.rows.push_back({prefix + path, "changed", "regression", *old_value, new_value, std::nullopt, t, headline});
    } else {
      out.within.push_back(prefix + path);
    }
  }
  for (const auto& [path, new_value] : b)
    if (!a.count(path) && !skipped(path) && !ignored(ignore, path, prefix + path))
      out.rows.push_back({prefix + path, "added", "added", std::nullopt, *new_value, std::nullopt, rule_for(rules, path),
                          figure_info(path).headline});
}

void sort_rows(ReportDiff& diff) {
  std::stable_sort(diff.rows.begin(), diff.rows.end(), [](const DiffRow& x, const DiffRow& y) {
    const int hx = x.headline ? x.headline : 1 << 20, hy = y.headline ? y.headline : 1 << 20;
    return hx != hy ? hx < hy : x.path < y.path;
  });
}

}  // namespace pjsim::reports
