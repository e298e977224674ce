// Validation against SCALE-Sim v2 (docs/validation.md, "Systolic timing"): the simulated cycles of
// the gemm micro-workload equal SCALE-Sim's compute cycles with no memory stalls.
//
// SCALE-Sim's count, restated here from its documentation and demand matrices
// (scalesim/compute/systolic_compute_ws.py, systolic_compute_os.py), NOT from pjsim's code:
//   ws: Sr = K, Sc = N, T = M; folds = ceil(K/R) x ceil(N/C); a fold's filter demand is R rows of
//       weight load + (R + C + T - 2) rows of streaming and drain: 2R + C + T - 2 cycles.
//   os: Sr = M, Sc = N, T = K; folds = ceil(M/R) x ceil(N/C); a fold's ifmap demand is T + C - 1
//       rows skewed over R columns: T + R + C - 2 cycles.
//   folds run back to back: cycles = folds x per-fold.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "run_pjsim.h"

using pjsim::testing::run_pjsim;

namespace {

struct Case {
  std::uint64_t r, c, m, k, n;
};

std::uint64_t cdiv(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

std::uint64_t scalesim_ws(const Case& x) {
  return cdiv(x.k, x.r) * cdiv(x.n, x.c) * (2 * x.r + x.c + x.m - 2);
}
std::uint64_t scalesim_os(const Case& x) {
  return cdiv(x.m, x.r) * cdiv(x.n, x.c) * (x.k + x.r + x.c - 2);
}

// Our shape set: square arrays 32..256 and one rectangular, M from 1 to 4096, ragged K and N.
const std::vector<Case> kCases = {
    {32, 32, 1, 64, 64},       {32, 32, 64, 64, 32},     {32, 32, 100, 300, 70},   {64, 64, 7, 1000, 200},
    {64, 64, 512, 512, 512},   {128, 128, 1, 4096, 4096}, {128, 128, 128, 1024, 1024}, {128, 128, 4096, 4096, 4096},
    {256, 256, 16, 2048, 2048}, {256, 256, 2048, 1000, 3000}, {32, 64, 33, 130, 250},
};

// One core, one matrix unit, 1-byte words, operands in SRAM, SRAM large (one tile, activations
// resident), fast (never the bottleneck) and without latency; 1 GHz so that cycles are exact.
pjsim::testing::PjsimRun run_gemm(const Case& x, const std::string& dataflow, const std::string& double_buffer,
                                  const std::string& sram_latency = "0 ns") {
  std::vector<std::string> args = {"run", "--quiet"};
  for (const std::string& s :
       {std::string("workload.model=gemm"), "workload.gemm.m=" + std::to_string(x.m),
        "workload.gemm.k=" + std::to_string(x.k), "workload.gemm.n=" + std::to_string(x.n),
        std::string("workload.precision.weights=int8"), std::string("workload.precision.activations=int8"),
        std::string("arch.chip.cores=1"), std::string("arch.core.matrix_units=1"),
        "arch.core.array.rows=" + std::to_string(x.r), "arch.core.array.cols=" + std::to_string(x.c),
        "arch.core.array.dataflow=" + dataflow, "arch.core.array.weight_double_buffer=" + double_buffer,
        std::string("arch.chip.frequency=1 GHz"), std::string("arch.core.sram.capacity=1 GiB"),
        std::string("arch.core.sram.bandwidth=1000 TB/s"), "arch.core.sram.latency=" + sram_latency}) {
    args.push_back("--set");
    args.push_back(s);
  }
  return run_pjsim(args);
}

std::uint64_t u64(const nlohmann::json& j) { return j.get<std::uint64_t>(); }

}  // namespace

TEST_CASE("validation: simulated ws GEMM cycles equal SCALE-Sim v2 (no double buffer)", "[sim][validation]") {
  for (const Case& x : kCases) {
    INFO("R " << x.r << " C " << x.c << " M " << x.m << " K " << x.k << " N " << x.n);
    const auto run = run_gemm(x, "ws", "false");
    REQUIRE(run.exit_code == 0);
    CHECK(u64(run.report["time"]["cycles"]) == scalesim_ws(x));
    CHECK(u64(run.report["counts"]["macs"]["total"]) == x.m * x.k * x.n);
    CHECK(u64(run.report["counts"]["bits"]["hbm_read"]) == 0);  // no DMA before compute
  }
}

TEST_CASE("validation: simulated os GEMM cycles equal SCALE-Sim v2", "[sim][validation]") {
  for (const Case& x : kCases) {
    INFO("R " << x.r << " C " << x.c << " M " << x.m << " K " << x.k << " N " << x.n);
    const auto run = run_gemm(x, "os", "false");
    REQUIRE(run.exit_code == 0);
    CHECK(u64(run.report["time"]["cycles"]) == scalesim_os(x));
    CHECK(u64(run.report["counts"]["macs"]["total"]) == x.m * x.k * x.n);
  }
}

TEST_CASE("validation: double-buffered ws differs from SCALE-Sim by the documented overlap", "[sim][validation]") {
  // pjsim on purpose: R + folds x max(M, R) + R + C - 2; never slower than SCALE-Sim's count.
  for (const Case& x : kCases) {
    INFO("R " << x.r << " C " << x.c << " M " << x.m << " K " << x.k << " N " << x.n);
    const auto run = run_gemm(x, "ws", "true");
    REQUIRE(run.exit_code == 0);
    const std::uint64_t folds = cdiv(x.k, x.r) * cdiv(x.n, x.c);
    const std::uint64_t overlapped = x.r + folds * std::max(x.m, x.r) + x.r + x.c - 2;
    CHECK(u64(run.report["time"]["cycles"]) == overlapped);
    CHECK(overlapped <= scalesim_ws(x));
  }
}

TEST_CASE("validation: SRAM latency adds at most its cycles to the GEMM", "[sim][validation]") {
  // The TPU presets give the core SRAM 2 ns of latency; pjsim's SRAM accesses of a tile run beside
  // the array, so the latency shows only when the accesses outlast the array, and never by more.
  for (const Case& x : {kCases[0], kCases[5]}) {
    const auto run = run_gemm(x, "ws", "false", "2 ns");
    REQUIRE(run.exit_code == 0);
    const std::uint64_t cycles = u64(run.report["time"]["cycles"]);
    CHECK(cycles >= scalesim_ws(x));
    CHECK(cycles <= scalesim_ws(x) + 2);
  }
}

TEST_CASE("validation: the gemm micro-workload rejects a missing or misplaced workload.gemm", "[sim][validation][errors]") {
  const auto missing = run_pjsim({"run", "--quiet", "--set", "workload.model=gemm", "--set", "workload.gemm.m=4"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("workload.gemm.k: required with workload.model: gemm") != std::string::npos);
  const auto misplaced = run_pjsim({"run", "--quiet", "--set", "workload.gemm.m=4"});
  CHECK(misplaced.exit_code == 2);
  CHECK(misplaced.err.find("workload.gemm.m: only read with workload.model: gemm") != std::string::npos);
}
