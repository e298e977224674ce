#include "models/systolic_timing.h"

#include <algorithm>
#include <cmath>

namespace pjsim::models {

double mac_rate(const MatrixUnitParams& mu, workloads::Precision p) {
  if (mu.macs_per_cycle.empty()) return 1.0;
  const auto it = mu.macs_per_cycle.find(p);
  return it == mu.macs_per_cycle.end() ? 0.0 : it->second;
}

std::uint64_t gemm_folds(const GemmShape& g, const MatrixUnitParams& mu, double rate) {
  if (g.m == 0 || g.k == 0 || g.n == 0) return 0;
  const std::uint64_t spatial_rows = mu.dataflow == Dataflow::weight_stationary ? g.k : g.m;
  // Whole rates widen the array along N; fractional ones repeat each fold (config checks the
  // rate is a whole number or 1/p).
  const std::uint64_t wide = rate >= 1.0 ? static_cast<std::uint64_t>(std::llround(rate)) : 1;
  const std::uint64_t passes = rate > 0.0 && rate < 1.0 ? static_cast<std::uint64_t>(std::llround(1.0 / rate)) : 1;
  return ceil_div(spatial_rows, mu.rows) * ceil_div(g.n, mu.cols * wide) * passes;
}

std::uint64_t gemm_cycles(const GemmShape& g, std::uint64_t instances, const MatrixUnitParams& mu, double rate) {
  const std::uint64_t folds = gemm_folds(g, mu, rate) * instances;
  if (folds == 0) return 0;
  const std::uint64_t per_unit = ceil_div(folds, std::max<std::uint64_t>(mu.units, 1));
  const std::uint64_t r = mu.rows, c = mu.cols;
  const std::uint64_t stream = mu.dataflow == Dataflow::weight_stationary ? g.m : g.k;
  const std::uint64_t drain = r + c - 2;
  // Output-stationary holds no operand to preload: a fold is the skewed stream and the drain
  // (SCALE-Sim v2 systolic_compute_os.py: T + R + C - 2 demand rows per fold).
  if (mu.dataflow == Dataflow::output_stationary) return per_unit * (stream + drain);
  const std::uint64_t fill = r;
  if (mu.weight_double_buffer) return fill + per_unit * std::max(stream, r) + drain;
  return per_unit * (fill + stream + drain);
}

}  // namespace pjsim::models
