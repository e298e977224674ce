#include "sim/study/effects.h"

#include <fmt/format.h>

namespace pjsim::sim {

namespace {

std::string short_key(const std::string& key) {
  const auto dot = key.rfind('.');
  return dot == std::string::npos ? key : key.substr(dot + 1);
}

// Whether `row` equals `base` on every varied key but `axis`.
bool differs_only_in(const PointResult& row, const PointResult& base, const std::string& axis) {
  if (row.varied.size() != base.varied.size()) return false;
  for (std::size_t i = 0; i < row.varied.size(); ++i) {
    if (row.varied[i].key != base.varied[i].key) return false;
    if (row.varied[i].key != axis && row.varied[i].value != base.varied[i].value) return false;
  }
  return true;
}

// The values of `axis` next to `base` (every other setting equal): "   v: pJ/MAC" for each, and how many.
std::pair<std::string, int> axis_line(const std::vector<PointResult>& rows, const PointResult& base, const std::string& axis) {
  std::string line;
  int values = 0;
  for (const PointResult& row : rows) {
    if (row.status != "ok" || !differs_only_in(row, base, axis)) continue;
    for (const auto& o : row.varied)
      if (o.key == axis) line += fmt::format("   {}: {:.3g}", o.value, row.metrics.movement_pj_per_mac);
    ++values;
  }
  return {line, values};
}

std::string settings_of(const PointResult& row) {
  std::string settings;
  for (const auto& o : row.varied) settings += (settings.empty() ? "" : " ") + short_key(o.key) + "=" + o.value;
  return settings;
}

}  // namespace

std::string effects_summary(const std::vector<PointResult>& rows) {
  if (rows.empty() || rows.front().status != "ok" || rows.front().varied.empty()) return "";
  const PointResult& first = rows.front();
  std::string out;
  for (const auto& axis : first.varied) {
    // From the first point; when it has no neighbour along this axis (a skipped combination),
    // from the first point that has.
    for (const PointResult& base : rows) {
      if (base.status != "ok") continue;
      const auto [line, values] = axis_line(rows, base, axis.key);
      if (values < 2) continue;
      const std::string from = &base == &first ? "" : fmt::format("   (from {}: {})", base.id, settings_of(base));
      out += fmt::format("  {:<14}{}{}\n", short_key(axis.key), line, from);
      break;
    }
  }
  if (out.empty()) return "";
  return fmt::format("\npJ moved per MAC, one choice at a time from {} ({}):\n", first.id, settings_of(first)) + out;
}

}  // namespace pjsim::sim
