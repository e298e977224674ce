// The headline figures of one report.json, as studies tabulate, compare and plot them, and what
// the point was (its context: model, phase, arch, ...).
//
// Example: for the default point, metrics_of(report) gives energy_pj_per_token ~ 1.4e11,
// energy_per_token_joules ~ 0.14, tokens_per_second ~ 992, latency_s ~ 0.0161 (seconds per
// step), tpot_s ~ 0.0161 (decode), tier_pj_per_token["hbm"] ~ 3.8e10 (by_tier.hbm / tokens of
// the basis), movement_to_compute ~ 9.5, context.model "llama-3-8b", context.arch "tpu-v4-like".
// Reads tolerantly (reports/report_access.h): a missing key reads as 0 (or absent, for the
// figures that apply to one phase only).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pjsim::reports {

/// What was simulated, for the context columns of results.csv and the study page.
struct PointContext {
  std::string model;       ///< config.workload.model.base, else its model_type
  std::string phase;       ///< "decode", "prefill"
  std::string arch;        ///< config.arch.base (the arch preset), else "custom"
  std::string technology;  ///< the technology table that priced the ledger
  std::string weights;     ///< config.workload.precision.weights
  double chips = 1;
  double batch = 0;
  double context_tokens = 0;
  double prompt_tokens = 0;
};

/// What a served point (`pjsim serve`, serve.json `metrics`) is judged by; milliseconds as there.
struct ServeFigures {
  double energy_per_output_token_joules = 0;  ///< metrics.energy_per_token_joules: J / output token, idle included
  double output_tokens_per_second = 0;        ///< metrics.output_throughput_tokens_per_sec
  double median_ttft_ms = 0, p99_ttft_ms = 0;
  double median_tpot_ms = 0, p99_tpot_ms = 0;
  double goodput_requests_per_second = 0;     ///< metrics.goodput_requests_per_sec (requests within the SLOs)
  double request_throughput = 0;              ///< metrics.request_throughput (completed requests / s)
  double completed = 0, requests = 0;
  bool partial = false;                       ///< serve.json `partial`: the replay stopped early
};

struct PointMetrics {
  double energy_pj_per_token = 0;
  double tokens_per_second = 0;
  double latency_s = 0;             ///< time.seconds_per_step
  double energy_pj_total = 0;
  double tokens = 0;                ///< tokens of the report's basis (the per-token divisor)
  std::map<std::string, double> tier_pj_per_token;  ///< compute, sram, hbm, noc, ici, static
  double movement_to_compute = 0;
  double pj_per_mac_all_in = 0;
  double movement_pj_per_mac = 0;   ///< (sram + hbm + noc + ici energy) / MACs: picojoules moved per multiply
  double macs = 0;
  double hbm_bits = 0;              ///< read + write
  double batch = 0;                 ///< config.workload.batch
  // Standard names (report.json `metrics`, schema 1.2; older reports: derived from the above).
  double energy_per_token_joules = 0;
  double avg_power_watts = 0;
  double mfu = 0;
  double area_mm2 = 0;              ///< area.total_mm2 (0 when the arch gives no area coefficients)
  std::optional<double> ttft_s;     ///< prefill only
  std::optional<double> tpot_s;     ///< decode only
  PointContext context;
  std::optional<ServeFigures> serve;  ///< a served point (serve.json); the figures above are mapped from it

  /// The latency a token waits for: TPOT when the report has one (decode, serving), else the step.
  double latency_per_token_s() const { return tpot_s ? *tpot_s : latency_s; }
};

/// Tier names in report order: compute, sram, hbm, noc, ici, static.
const std::vector<std::string>& tier_names();

PointMetrics metrics_of(const nlohmann::json& report);
/// The figures of a serve.json: `serve` set, and the shared figures mapped from it so that tables
/// and frontiers read both kinds alike: energy_per_token_joules = J per output token,
/// tokens_per_second = output tokens/s, tpot_s and latency_s = median TPOT, ttft_s = median TTFT,
/// tier_pj_per_token = energy_joules.by_tier per output token, energy_pj_total, avg_power_watts.
PointMetrics serve_metrics_of(const nlohmann::json& serve);

/// {"energy_pj_per_token": ..., "tokens_per_second": ..., "latency_s": ..., "energy_pj_total": ...,
///  "tier_pj_per_token": {...}, "movement_to_compute": ..., "pj_per_mac_all_in": ...,
///  "movement_pj_per_mac": ..., "energy_per_token_joules": ..., "avg_power_watts": ..., "mfu": ...,
///  "ttft_seconds" or "tpot_seconds"}, and for a served point "serving": {the ServeFigures}.
nlohmann::json to_json(const PointMetrics& m);
/// {"model": ..., "phase": ..., "arch": ..., "technology": ..., "weights": ..., "chips": ...,
///  "batch": ..., "context_tokens": ..., "prompt_tokens": ...}.
nlohmann::json to_json(const PointContext& c);

/// Metric names of compare tables, in order, with how to read each from PointMetrics:
/// energy_pj_per_token, tokens_per_second, latency_s, area_mm2, the standard names
/// energy_per_token_joules, avg_power_watts and mfu, then "<tier>_pj_per_token" per tier; for a
/// served point then the serving figures (serve_metric_rows).
std::vector<std::pair<std::string, double>> metric_rows(const PointMetrics& m);
/// energy_per_output_token_joules, output_tokens_per_second, median_ttft_ms, p99_ttft_ms,
/// median_tpot_ms, p99_tpot_ms, goodput_requests_per_second.
std::vector<std::pair<std::string, double>> serve_metric_rows(const ServeFigures& s);

}  // namespace pjsim::reports
