#include "reports/report_power.h"

#include <algorithm>
#include <map>
#include <string>

#include "reports/report_energy.h"

namespace pjsim::reports {

namespace {

double ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

const std::vector<std::string>& tiers() {
  static const std::vector<std::string> t = {"compute", "sram", "hbm", "noc", "ici"};
  return t;
}

}  // namespace

std::vector<models::StaticLine> static_parts_of(const RunResult& r) {
  if (!r.static_parts.empty()) return r.static_parts;
  return {{"chip", 1, "chip", r.static_power_w, ""}};
}

nlohmann::json power_section(const std::vector<models::PricedEntry>& priced, const RunResult& r) {
  const double chips = static_cast<double>(std::max<std::uint64_t>(r.chips, 1));
  std::map<std::string, double> tier_pj;
  std::map<std::string, std::map<std::string, double>> window_pj;  // layer -> tier -> pJ
  for (const auto& t : tiers()) tier_pj[t] = 0;
  for (const auto& e : priced) {
    const std::string tier = models::to_string(models::tier_of(e.tag.action));
    tier_pj[tier] += e.pj;
    window_pj[layer_key(e.tag)][tier] += e.pj;
  }
  nlohmann::json avg_dynamic = nlohmann::json::object(), avg_static = nlohmann::json::object();
  nlohmann::json peak_dynamic = nlohmann::json::object(), peak_static = nlohmann::json::object();
  double static_w = 0, dynamic_w = 0;
  for (const auto& t : tiers()) {
    const double w = ratio(tier_pj[t] * 1e-12, r.seconds);
    avg_dynamic[t] = w;
    peak_dynamic[t] = w;
    dynamic_w += w;
  }
  for (const models::StaticLine& l : static_parts_of(r)) {
    const double w = l.watts() * chips;
    avg_static[l.part] = w;
    peak_static[l.part] = w;
    static_w += w;
  }
  double peak_total = dynamic_w + static_w;
  std::string window = "run";
  for (const auto& [layer, seconds] : r.layer_seconds) {
    if (seconds <= 0 || !window_pj.count(layer)) continue;
    double sum = static_w;
    for (const auto& [tier, pj] : window_pj.at(layer)) {
      const double w = pj * 1e-12 / seconds;
      peak_dynamic[tier] = std::max(peak_dynamic[tier].get<double>(), w);
      sum += w;
    }
    if (sum > peak_total) {
      peak_total = sum;
      window = layer;
    }
  }
  return {{"average_w", {{"dynamic", avg_dynamic}, {"static", avg_static}, {"total", dynamic_w + static_w}}},
          {"peak_w", {{"dynamic", peak_dynamic}, {"static", peak_static}, {"total", peak_total}}},
          {"peak_window", window}};
}

}  // namespace pjsim::reports
