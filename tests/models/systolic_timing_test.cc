// The GEMM timing closed form (docs/gemm-timing.md), checked on hand-computed cases.
#include <catch2/catch.hpp>

#include "models/systolic_timing.h"

using namespace pjsim::models;

namespace {
MatrixUnitParams array(std::uint64_t r, std::uint64_t c, std::uint64_t units, bool double_buffer,
                       Dataflow df = Dataflow::weight_stationary) {
  MatrixUnitParams p;
  p.rows = r;
  p.cols = c;
  p.units = units;
  p.weight_double_buffer = double_buffer;
  p.dataflow = df;
  return p;
}
}  // namespace

TEST_CASE("weight-stationary folds tile K over rows and N over columns", "[models][physics]") {
  CHECK(gemm_folds({1, 4096, 4096}, array(128, 128, 1, false)) == 32 * 32);
  CHECK(gemm_folds({1, 100, 300}, array(128, 128, 1, false)) == 1 * 3);
  CHECK(gemm_folds({1000, 1, 1}, array(128, 128, 1, false)) == 1);
  CHECK(gemm_folds({0, 1, 1}, array(128, 128, 1, false)) == 0);
}

TEST_CASE("without double buffering a fold costs 2R + C + M - 2 cycles (SCALE-Sim)", "[models][physics]") {
  // 32 x 32 array, M = 64, K = 64, N = 32: folds = 2 x 1; (2*32 + 32 + 64 - 2) = 158 per fold.
  CHECK(gemm_cycles({64, 64, 32}, 1, array(32, 32, 1, false)) == 2 * 158);
  // Output-stationary: folds over M and N, the reduction K streams, no preload:
  // ceil(64/32) x 1 folds of 32 + 32 + 64 - 2 (SCALE-Sim v2 systolic_compute_os.py).
  CHECK(gemm_cycles({64, 64, 32}, 1, array(32, 32, 1, false, Dataflow::output_stationary)) == 2 * 126);
  CHECK(gemm_cycles({64, 100, 32}, 1, array(32, 32, 1, false, Dataflow::output_stationary)) == 2 * (32 + 32 + 100 - 2));
  // Double buffering is a weight-stationary feature: os ignores it.
  CHECK(gemm_cycles({64, 100, 32}, 1, array(32, 32, 1, true, Dataflow::output_stationary)) == 2 * (32 + 32 + 100 - 2));
}

TEST_CASE("double-buffered weights expose only the first fill and the last drain", "[models][physics]") {
  // The header's worked example: M = 1, K = N = 4096, 4 units of 128 x 128.
  CHECK(gemm_cycles({1, 4096, 4096}, 1, array(128, 128, 4, true)) == 128 + 256 * 128 + 254);
  // A long stream hides the weight load: M = 1024 rows per fold.
  CHECK(gemm_cycles({1024, 256, 256}, 1, array(128, 128, 1, true)) == 128 + 4 * 1024 + 254);
}

TEST_CASE("units and instances share the folds", "[models][physics]") {
  const auto one = array(128, 128, 1, true), four = array(128, 128, 4, true);
  CHECK(gemm_cycles({8, 128, 128}, 8, one) == 128 + 8 * 128 + 254);
  CHECK(gemm_cycles({8, 128, 128}, 8, four) == 128 + 2 * 128 + 254);
  CHECK(gemm_cycles({8, 128, 128}, 9, four) == 128 + 3 * 128 + 254);
}

TEST_CASE("a large GEMM runs near the peak MAC rate", "[models][physics]") {
  const auto mu = array(128, 128, 4, true);
  const std::uint64_t m = 4096, k = 4096, n = 4096;
  const double ideal = static_cast<double>(m * k * n) / (128.0 * 128.0 * 4.0);
  CHECK(static_cast<double>(gemm_cycles({m, k, n}, 1, mu)) == Approx(ideal).epsilon(0.01));
}

TEST_CASE("MACs per PE per cycle: a whole rate widens N, 1/p repeats every fold", "[models][physics]") {
  const MatrixUnitParams mu = array(128, 128, 4, true);
  // The header's examples: int8 at 2 MACs per PE per cycle halves the N folds.
  CHECK(gemm_folds({1, 4096, 4096}, mu, 2.0) == 32 * 16);
  CHECK(gemm_cycles({1, 4096, 4096}, 1, mu, 2.0) == 128 + 128 * 128 + 254);
  CHECK(gemm_cycles({1, 4096, 4096}, 1, mu, 1.0) == 33150);
  // fp32 as 6 bf16 passes: six times the folds.
  CHECK(gemm_folds({1, 4096, 4096}, mu, 1.0 / 6) == 6 * 32 * 32);
  // A compute-bound GEMM (M >> R) at rate 2 takes about half the cycles of rate 1.
  const double ratio = static_cast<double>(gemm_cycles({8192, 4096, 4096}, 1, mu, 2.0)) /
                       static_cast<double>(gemm_cycles({8192, 4096, 4096}, 1, mu, 1.0));
  CHECK(ratio == Approx(0.5).epsilon(0.01));
  // An array that declares no rates runs everything at 1; one that declares rates runs only those.
  CHECK(mac_rate(mu, pjsim::workloads::Precision::int4) == 1.0);
  MatrixUnitParams v5e = mu;
  v5e.macs_per_cycle = {{pjsim::workloads::Precision::bf16, 1.0}, {pjsim::workloads::Precision::int8, 2.0}};
  CHECK(mac_rate(v5e, pjsim::workloads::Precision::int8) == 2.0);
  CHECK(mac_rate(v5e, pjsim::workloads::Precision::fp8_e4m3) == 0.0);
}
