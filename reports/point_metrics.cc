#include "reports/point_metrics.h"

#include "reports/report_access.h"

namespace pjsim::reports {

const std::vector<std::string>& tier_names() {
  static const std::vector<std::string> names = {"compute", "sram", "hbm", "noc", "ici", "static"};
  return names;
}

PointMetrics metrics_of(const nlohmann::json& report) {
  PointMetrics m;
  m.energy_pj_per_token = number_at(report, "/tokens/energy_pj_per_token");
  m.tokens_per_second = number_at(report, "/tokens/per_second");
  m.latency_s = number_at(report, "/time/seconds_per_step");
  m.energy_pj_total = number_at(report, "/energy_pj/total");
  m.tokens = number_at(report, "/tokens/" + string_at(report, "/tokens/basis", "generated"));
  for (const std::string& tier : tier_names()) {
    const double pj = number_at(report, "/energy_pj/by_tier/" + tier);
    m.tier_pj_per_token[tier] = m.tokens > 0 ? pj / m.tokens : 0.0;
  }
  m.movement_to_compute = number_at(report, "/ratios/movement_to_compute");
  m.pj_per_mac_all_in = number_at(report, "/ratios/pj_per_mac_all_in");
  m.macs = number_at(report, "/counts/macs/total");
  m.hbm_bits = number_at(report, "/counts/bits/hbm_read") + number_at(report, "/counts/bits/hbm_write");
  double movement = 0;
  for (const char* tier : {"sram", "hbm", "noc", "ici"}) movement += number_at(report, std::string("/energy_pj/by_tier/") + tier);
  m.movement_pj_per_mac = m.macs > 0 ? movement / m.macs : 0.0;
  m.batch = number_at(report, "/config/workload/batch");
  return m;
}

nlohmann::json to_json(const PointMetrics& m) {
  nlohmann::json tiers = nlohmann::json::object();
  for (const auto& [tier, pj] : m.tier_pj_per_token) tiers[tier] = pj;
  return {{"energy_pj_per_token", m.energy_pj_per_token},
          {"tokens_per_second", m.tokens_per_second},
          {"latency_s", m.latency_s},
          {"energy_pj_total", m.energy_pj_total},
          {"tier_pj_per_token", tiers},
          {"movement_to_compute", m.movement_to_compute},
          {"pj_per_mac_all_in", m.pj_per_mac_all_in},
          {"movement_pj_per_mac", m.movement_pj_per_mac}};
}

std::vector<std::pair<std::string, double>> metric_rows(const PointMetrics& m) {
  std::vector<std::pair<std::string, double>> rows = {
      {"energy_pj_per_token", m.energy_pj_per_token},
      {"tokens_per_second", m.tokens_per_second},
      {"latency_s", m.latency_s}};
  for (const std::string& tier : tier_names()) rows.emplace_back(tier + "_pj_per_token", m.tier_pj_per_token.at(tier));
  return rows;
}

}  // namespace pjsim::reports
