// The headline figures of one report.json, as studies tabulate, compare and plot them.
//
// Example: for the default point, metrics_of(report) gives energy_pj_per_token ~ 1.4e11,
// tokens_per_second ~ 992, latency_s ~ 0.0161 (seconds per step), tier_pj_per_token["hbm"] ~
// 3.8e10 (by_tier.hbm / tokens of the basis), movement_to_compute ~ 9.5.
// Reads tolerantly (reports/report_access.h): a missing key reads as 0.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pjsim::reports {

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
};

/// Tier names in report order: compute, sram, hbm, noc, ici, static.
const std::vector<std::string>& tier_names();

PointMetrics metrics_of(const nlohmann::json& report);

/// {"energy_pj_per_token": ..., "tokens_per_second": ..., "latency_s": ..., "energy_pj_total": ...,
///  "tier_pj_per_token": {...}, "movement_to_compute": ..., "pj_per_mac_all_in": ...}.
nlohmann::json to_json(const PointMetrics& m);

/// Metric names of compare tables, in order, with how to read each from PointMetrics:
/// energy_pj_per_token, tokens_per_second, latency_s, then "<tier>_pj_per_token" per tier.
std::vector<std::pair<std::string, double>> metric_rows(const PointMetrics& m);

}  // namespace pjsim::reports
