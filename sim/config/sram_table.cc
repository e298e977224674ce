#include "sim/config/sram_table.h"

#include <limits>
#include <sstream>

#include "sim/config/units.h"

namespace pjsim::sim {

SramTableResult sram_read_for_capacity(const std::string& table, const std::string& source, double capacity_bytes) {
  SramTableResult r;
  std::stringstream list(table);
  double best_cap = std::numeric_limits<double>::infinity(), best_pj = 0;
  double largest_cap = -1, largest_pj = 0;
  std::string best_text, largest_text;
  for (std::string item; std::getline(list, item, ',');) {
    const auto colon = item.find(':');
    if (colon == std::string::npos) {
      r.error = "expected \"CAPACITY: PRICE\" entries separated by commas (e.g. \"8 KiB: 0.156 pJ/bit\"), got '" + item + "'";
      return r;
    }
    const std::string cap_text = item.substr(0, colon), pj_text = item.substr(colon + 1);
    const QuantityResult cap = parse_quantity(cap_text, UnitKind::bytes);
    const QuantityResult pj = parse_quantity(pj_text, UnitKind::energy_per_bit);
    if (!cap.value || !pj.value || *cap.value <= 0 || *pj.value < 0 || *pj.value > 1e6) {
      r.error = "entry '" + item + "': " + (!cap.value ? cap.error : !pj.value ? pj.error : "capacity > 0 and price 0..1000 nJ/bit");
      return r;
    }
    const std::string trimmed = cap_text.substr(cap_text.find_first_not_of(' '));
    if (*cap.value >= capacity_bytes && *cap.value < best_cap) {
      best_cap = *cap.value;
      best_pj = *pj.value;
      best_text = trimmed;
    }
    if (*cap.value > largest_cap) {
      largest_cap = *cap.value;
      largest_pj = *pj.value;
      largest_text = trimmed;
    }
  }
  if (largest_cap < 0) {
    r.error = "an empty table";
    return r;
  }
  const std::string core = format_quantity(capacity_bytes, UnitKind::bytes);
  r.price.unit = "pJ/bit";
  if (best_text.empty()) {
    r.price.pj = largest_pj;
    r.price.source = source + "; entry " + largest_text + " (the largest listed; the core's " + core +
                     " is larger, so this underestimates)";
  } else {
    r.price.pj = best_pj;
    r.price.source = source + "; entry " + best_text + " (smallest listed >= the core's " + core + ")";
  }
  return r;
}

}  // namespace pjsim::sim
