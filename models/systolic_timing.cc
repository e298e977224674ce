#include "models/systolic_timing.h"

#include <algorithm>

namespace pjsim::models {

std::uint64_t gemm_folds(const GemmShape& g, const MatrixUnitParams& mu) {
  if (g.m == 0 || g.k == 0 || g.n == 0) return 0;
  const std::uint64_t spatial_rows = mu.dataflow == Dataflow::weight_stationary ? g.k : g.m;
  return ceil_div(spatial_rows, mu.rows) * ceil_div(g.n, mu.cols);
}

std::uint64_t gemm_cycles(const GemmShape& g, std::uint64_t instances, const MatrixUnitParams& mu) {
  const std::uint64_t folds = gemm_folds(g, mu) * instances;
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
