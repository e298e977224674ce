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

PointMetrics serve_metrics_of(const nlohmann::json& serve) {
  PointMetrics m;
  ServeFigures f;
  f.energy_per_output_token_joules = number_at(serve, "/metrics/energy_per_token_joules");
  f.output_tokens_per_second = number_at(serve, "/metrics/output_throughput_tokens_per_sec");
  f.median_ttft_ms = number_at(serve, "/metrics/median_ttft_ms");
  f.p99_ttft_ms = number_at(serve, "/metrics/p99_ttft_ms");
  f.median_tpot_ms = number_at(serve, "/metrics/median_tpot_ms");
  f.p99_tpot_ms = number_at(serve, "/metrics/p99_tpot_ms");
  f.goodput_requests_per_second = number_at(serve, "/metrics/goodput_requests_per_sec");
  f.request_throughput = number_at(serve, "/metrics/request_throughput");
  f.completed = number_at(serve, "/metrics/completed");
  f.requests = number_at(serve, "/metrics/requests");
  f.partial = serve.value("partial", false);
  m.serve = f;
  m.tokens = number_at(serve, "/metrics/total_output_tokens");
  m.energy_per_token_joules = f.energy_per_output_token_joules;
  m.energy_pj_per_token = f.energy_per_output_token_joules * 1e12;
  m.energy_pj_total = number_at(serve, "/energy_joules/total") * 1e12;
  m.tokens_per_second = f.output_tokens_per_second;
  m.avg_power_watts = number_at(serve, "/metrics/avg_power_watts");
  m.tpot_s = f.median_tpot_ms * 1e-3;
  m.ttft_s = f.median_ttft_ms * 1e-3;
  m.latency_s = *m.tpot_s;
  for (const std::string& tier : tier_names()) {
    const double j = number_at(serve, "/energy_joules/by_tier/" + tier);
    m.tier_pj_per_token[tier] = m.tokens > 0 ? j * 1e12 / m.tokens : 0.0;
  }
  m.batch = number_at(serve, "/metrics/mean_batch");
  m.context = context_of(serve);
  m.context.phase = "serve";
  m.context.chips = number_at(serve, "/chips", 1);
  m.context.batch = m.batch;
  return m;
}

std::vector<std::pair<std::string, double>> serve_metric_rows(const ServeFigures& s) {
  return {{"energy_per_output_token_joules", s.energy_per_output_token_joules},
          {"output_tokens_per_second", s.output_tokens_per_second},
          {"median_ttft_ms", s.median_ttft_ms},
          {"p99_ttft_ms", s.p99_ttft_ms},
          {"median_tpot_ms", s.median_tpot_ms},
          {"p99_tpot_ms", s.p99_tpot_ms},
          {"goodput_requests_per_second", s.goodput_requests_per_second}};
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
  if (m.serve) {
    nlohmann::json serving = nlohmann::json::object();
    for (const auto& [name, v] : serve_metric_rows(*m.serve)) serving[name] = v;
    serving["request_throughput"] = m.serve->request_throughput;
    serving["requests"] = m.serve->requests;
    serving["completed"] = m.serve->completed;
    serving["partial"] = m.serve->partial;
    j["serving"] = serving;
  }
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
  if (m.serve)
    for (const auto& row : serve_metric_rows(*m.serve)) rows.push_back(row);
  return rows;
}

}  // namespace pjsim::reports
