#include "sim/config/dvfs_table.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "sim/config/units.h"

namespace pjsim::sim {

DvfsTable parse_dvfs(const std::string& text) {
  DvfsTable t;
  std::stringstream list(text);
  for (std::string item; std::getline(list, item, ',');) {
    const auto colon = item.find(':');
    if (colon == std::string::npos) {
      t.error = "expected \"VOLTAGE: FREQUENCY\" points separated by commas (e.g. \"0.75 V: 1050 MHz\"), got '" + item + "'";
      return t;
    }
    const QuantityResult v = parse_quantity(item.substr(0, colon), UnitKind::voltage);
    const QuantityResult f = parse_quantity(item.substr(colon + 1), UnitKind::frequency);
    if (!v.value || !f.value || *v.value <= 0 || *f.value <= 0) {
      t.error = "point '" + item + "': " + (!v.value ? v.error : !f.value ? f.error : "voltage and frequency must be > 0");
      return t;
    }
    t.points.emplace_back(*v.value, *f.value);
  }
  if (t.points.empty()) {
    t.error = "an empty table";
    return t;
  }
  std::sort(t.points.begin(), t.points.end());
  for (std::size_t i = 1; i < t.points.size(); ++i) {
    const auto& [v0, f0] = t.points[i - 1];
    const auto& [v1, f1] = t.points[i];
    if (v1 == v0) {
      t.error = "voltage " + format_quantity(v1, UnitKind::voltage) + " is listed twice";
      return t;
    }
    if (f1 <= f0) {
      t.error = "frequency falls from " + format_quantity(f0, UnitKind::frequency) + " at " +
                format_quantity(v0, UnitKind::voltage) + " to " + format_quantity(f1, UnitKind::frequency) + " at " +
                format_quantity(v1, UnitKind::voltage) + " (a higher voltage must run faster)";
      return t;
    }
  }
  return t;
}

std::optional<double> frequency_at(const DvfsTable& table, double volts) {
  for (const auto& [v, f] : table.points)
    if (std::abs(v - volts) <= 1e-9) return f;
  return std::nullopt;
}

}  // namespace pjsim::sim
