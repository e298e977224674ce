// Roofline figures of a resolved config (report.json `config`): the machine's peak MAC rate,
// its HBM bandwidth, and the critical batch where a weight-streaming decode step turns from
// memory bound to compute bound.
//
// Example (tpu-v4-like, bf16 weights): peak = 2 cores x 4 units x 128 x 128 x 1.05 GHz
//   = 1.376e14 MAC/s; HBM 1.2e12 B/s delivers 6e11 bf16 weights/s, each used once per token of
//   the batch, so critical batch = 1.376e14 / 6e11 ~ 229.
#pragma once

#include <nlohmann/json.hpp>

namespace pjsim::reports {

struct Roofline {
  double peak_macs_per_s = 0;  ///< chips x cores x matrix units x rows x cols x frequency x MACs per PE per cycle of the weights' MAC precision
  double hbm_bytes_per_s = 0;  ///< chips x HBM bandwidth
  double bytes_per_weight = 0; ///< workload.precision.weights
  double critical_batch = 0;   ///< peak_macs_per_s / (hbm_bytes_per_s / bytes_per_weight)
  double vector_ops_per_s = 0; ///< chips x cores x vector lanes x frequency
  double sram_bytes_per_s = 0; ///< chips x cores x SRAM bandwidth
  double link_bytes_per_s = 0; ///< one inter-chip link's bandwidth
};

/// From config (and `chips`, 1 for a single chip); zeros when a key is missing.
Roofline roofline_of(const nlohmann::json& config, double chips = 1);

/// The number at `pointer` of a resolved config: a plain number, a canonical quantity
/// ("1050000000 Hz" -> 1.05e9) or a {value, source} pair; 0 when absent or not a number.
double config_number(const nlohmann::json& config, const char* pointer);

}  // namespace pjsim::reports
