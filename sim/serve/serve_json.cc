#include <cmath>

#include <fmt/format.h>

#include "sim/serve/serve_report.h"

namespace pjsim::sim {
namespace {

nlohmann::json percentiles(const char* name, const serving::Percentiles& p) {
  nlohmann::json j;
  j[fmt::format("mean_{}_ms", name)] = p.mean;
  j[fmt::format("median_{}_ms", name)] = p.p50;
  j[fmt::format("p90_{}_ms", name)] = p.p90;
  j[fmt::format("p99_{}_ms", name)] = p.p99;
  j[fmt::format("max_{}_ms", name)] = p.max;
  return j;
}

nlohmann::json family(const std::map<std::string, double>& parts, const std::string& prefix) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : parts)
    if (k.rfind(prefix, 0) == 0) j[k.substr(prefix.size())] = v;
  return j;
}

nlohmann::json series(const serving::ServeResult& r, double kv_capacity) {
  const serving::TimeSeries& ts = r.series;
  nlohmann::json rows = nlohmann::json::array();
  const double w = ts.width();
  for (std::size_t i = 0; i < ts.bins(); ++i) {
    const double t0 = double(i) * w;
    if (t0 + w <= r.first_arrival_s) continue;
    rows.push_back({{"t_s", t0},
                    {"running", ts.total(i, "running") / w},
                    {"waiting", ts.total(i, "waiting") / w},
                    {"in_system", ts.total(i, "in_system") / w},
                    {"kv_occupancy", kv_capacity > 0 ? ts.total(i, "kv_blocks") / w / kv_capacity : 0},
                    {"power_w", ts.total(i, "energy_pj") * 1e-12 / w},
                    {"output_tokens_per_s", ts.total(i, "output_tokens") / w},
                    {"busy", ts.total(i, "busy") / w}});
  }
  return {{"interval_s", w}, {"rows", rows}};
}

}  // namespace

nlohmann::json serve_json(const serving::ServeResult& r, const serving::ServeSummary& s, const ServeFacts& f) {
  nlohmann::json j;
  j["schema_version"] = kServeSchema;
  j["name"] = f.name;
  j["model"] = f.model;
  j["arch"] = f.arch;
  j["chips"] = f.chips;
  j["requests_from"] = f.requests;
  j["step_costs"] = f.costs;
  j["config_hash"] = f.config_hash;
  j["serve_hash"] = f.serve_hash;
  j["partial"] = r.partial;
  if (r.partial) j["partial_reason"] = r.partial_reason;
  nlohmann::json m;
  m["requests"] = s.requests;
  m["completed"] = s.completed;
  m["rejected"] = s.rejected;
  m["unfinished"] = s.unfinished;
  m["preempted_requests"] = s.preempted_requests;
  m["preemptions"] = s.preemptions;
  m["duration_s"] = s.duration_s;
  m["total_input_tokens"] = s.input_tokens;
  m["total_output_tokens"] = s.output_tokens;
  m["cached_prompt_tokens"] = s.cached_tokens;
  m["prefix_hit_rate"] = s.prefix_hit_rate;
  m["request_throughput"] = s.request_throughput;
  m["input_throughput_tokens_per_sec"] = s.input_throughput;
  m["output_throughput_tokens_per_sec"] = s.output_throughput;
  for (auto [name, p] : {std::pair{"ttft", &s.ttft_ms}, {"tpot", &s.tpot_ms}, {"itl", &s.itl_ms}, {"e2el", &s.e2e_ms},
                         {"queueing", &s.queueing_ms}})
    m.update(percentiles(name, *p));
  m["goodput_requests_per_sec"] = s.goodput_rps;
  m["slo_attainment"] = s.slo_attainment;
  m["energy_joules"] = s.energy_j;
  m["energy_per_token_joules"] = s.energy_per_token_j;
  m["energy_per_request_joules"] = s.energy_per_request_j;
  m["avg_power_watts"] = s.avg_power_w;
  m["peak_power_watts"] = s.peak_power_w;
  m["mean_batch"] = s.mean_batch;
  m["peak_batch"] = r.peak_batch;
  m["mean_kv_occupancy"] = s.mean_kv_occupancy;
  m["peak_kv_occupancy"] = s.peak_kv_occupancy;
  j["metrics"] = m;
  j["energy_joules"] = {{"total", s.energy_j},
                        {"busy", r.busy_energy_pj * 1e-12},
                        {"idle", r.idle_energy_pj * 1e-12},
                        {"by_tier", family(s.energy_parts_j, "tier.")},
                        {"by_data", family(s.energy_parts_j, "data.")},
                        {"by_phase", family(s.energy_parts_j, "phase.")}};
  j["time_s"] = {{"busy", r.busy_s}, {"idle", r.idle_s}, {"end", r.end_s}, {"first_arrival", r.first_arrival_s},
                 {"gated_gaps", r.gated_gaps}};
  j["steps"] = {{"count", r.steps}, {"simulated", r.steps_simulated}};
  j["kv_cache"] = {{"capacity_blocks", r.kv_capacity_blocks},
                   {"block_tokens", f.kv_block_tokens},
                   {"bits_per_token", f.kv_bits_per_token},
                   {"peak_blocks", r.kv_peak_blocks},
                   {"prefix_evictions", r.kv_evictions},
                   {"swap_bits", r.swap_bits}};
  j["idle_power_watts"] = f.idle_watts;
  j["littles_law"] = {{"mean_in_system", s.little_l}, {"arrival_rate", s.little_lambda}, {"mean_latency_s", s.little_w}};
  j["time_series"] = series(r, double(r.kv_capacity_blocks));
  j["config"] = f.config;
  return j;
}

std::string requests_csv(const serving::ServeResult& r) {
  std::string out =
      "id,arrival_s,queueing_s,ttft_s,tpot_s,e2e_s,prompt_tokens,cached_tokens,output_tokens,preemptions,energy_joules,"
      "status\n";
  auto num = [](double x) { return std::isfinite(x) ? fmt::format("{:.9g}", x) : std::string(); };
  for (const serving::RequestRecord& q : r.requests) {
    const bool done = q.rejected.empty() && q.finish_s >= 0;
    const std::string status = !q.rejected.empty() ? "rejected: " + q.rejected : done ? "ok" : "unfinished";
    std::string quoted = "\"";
    for (char c : status) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", q.id, num(q.arrival_s),
                       q.scheduled_s >= 0 ? num(q.queueing_s()) : "", q.first_token_s >= 0 ? num(q.ttft_s()) : "",
                       done && q.output_tokens > 1 ? num(q.tpot_s()) : "", done ? num(q.e2e_s()) : "",
                       q.prompt_tokens, q.cached_tokens, q.output_tokens, q.preemptions, num(q.energy_pj * 1e-12), quoted);
  }
  return out;
}

}  // namespace pjsim::sim
