#include "reports/point_metrics.h"

#include "reports/report_access.h"

namespace pjsim::reports {

namespace {

std::optional<double> optional_number(const nlohmann::json& report, const std::string& pointer) {
  const double missing = -1;
  const double v = number_at(report, pointer, missing);
  return v == missing ? std::nullopt : std::optional<double>(v);
}

PointContext context_of(const nlohmann::json& report) {
  PointContext c;
  c.model = string_at(report, "/config/workload/model/base", string_at(report, "/config/workload/model/model_type"));
  c.phase = string_at(report, "/phase");
  c.arch = string_at(report, "/config/arch/base", "custom");
  c.technology = string_at(report, "/technology");
  c.weights = string_at(report, "/config/workload/precision/weights");
  c.chips = number_at(report, "/prices_static/chips", 1);
  c.batch = number_at(report, "/config/workload/batch");
  c.context_tokens = number_at(report, "/config/workload/context_tokens");
  c.prompt_tokens = number_at(report, "/config/workload/prompt_tokens");
  return c;
}

}  // namespace

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
  const double seconds = number_at(report, "/time/seconds");
  m.energy_per_token_joules = number_at(report, "/metrics/energy_per_token_joules", m.energy_pj_per_token * 1e-12);
  m.avg_power_watts = number_at(report, "/metrics/avg_power_watts", seconds > 0 ? m.energy_pj_total * 1e-12 / seconds : 0.0);
  m.mfu = number_at(report, "/metrics/mfu");
  m.area_mm2 = number_at(report, "/area/total_mm2");
  m.ttft_s = optional_number(report, "/metrics/ttft_seconds");
  m.tpot_s = optional_number(report, "/metrics/tpot_seconds");
  m.context = context_of(report);
  return m;
}

nlohmann::json to_json(const PointMetrics& m) {
  nlohmann::json tiers = nlohmann::json::object();
  for (const auto& [tier, pj] : m.tier_pj_per_token) tiers[tier] = pj;
  nlohmann::json j = {{"energy_pj_per_token", m.energy_pj_per_token},
                      {"tokens_per_second", m.tokens_per_second},
                      {"latency_s", m.latency_s},
                      {"energy_pj_total", m.energy_pj_total},
                      {"tier_pj_per_token", tiers},
                      {"movement_to_compute", m.movement_to_compute},
                      {"pj_per_mac_all_in", m.pj_per_mac_all_in},
                      {"movement_pj_per_mac", m.movement_pj_per_mac},
                      {"energy_per_token_joules", m.energy_per_token_joules},
                      {"avg_power_watts", m.avg_power_watts},
                      {"mfu", m.mfu},
                      {"area_mm2", m.area_mm2}};
  if (m.ttft_s) j["ttft_seconds"] = *m.ttft_s;
  if (m.tpot_s) j["tpot_seconds"] = *m.tpot_s;
  return j;
}

nlohmann::json to_json(const PointContext& c) {
  return {{"model", c.model},   {"phase", c.phase},         {"arch", c.arch},
          {"technology", c.technology}, {"weights", c.weights}, {"chips", c.chips},
          {"batch", c.batch},   {"context_tokens", c.context_tokens}, {"prompt_tokens", c.prompt_tokens}};
}

std::vector<std::pair<std::string, double>> metric_rows(const PointMetrics& m) {
  std::vector<std::pair<std::string, double>> rows = {
      {"energy_pj_per_token", m.energy_pj_per_token},
      {"tokens_per_second", m.tokens_per_second},
      {"latency_s", m.latency_s},
      {"area_mm2", m.area_mm2},
      // The standard names measured energy is published under (report.json `metrics`).
      {"energy_per_token_joules", m.energy_per_token_joules},
      {"avg_power_watts", m.avg_power_watts},
      {"mfu", m.mfu}};
  for (const std::string& tier : tier_names()) rows.emplace_back(tier + "_pj_per_token", m.tier_pj_per_token.at(tier));
  return rows;
}

}  // namespace pjsim::reports
