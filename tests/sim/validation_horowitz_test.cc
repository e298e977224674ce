// Validation against Horowitz, "Computing's Energy Problem", ISSCC 2014, 45 nm table
// (docs/validation.md, "Energy table"): pjsim's priced output for single-operation
// micro-workloads on the horowitz-45nm technology equals the table's figures.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "run_pjsim.h"

using pjsim::testing::run_pjsim;

namespace {

pjsim::testing::PjsimRun run_with(const std::vector<std::string>& sets) {
  std::vector<std::string> args = {"run", "--quiet", "--set", "arch.technology=horowitz-45nm", "--set",
                                   "arch.chip.cores=1", "--set", "arch.chip.static_power=0 W"};
  for (const std::string& s : sets) {
    args.push_back("--set");
    args.push_back(s);
  }
  return run_pjsim(args);
}

double action_pj(const pjsim::testing::PjsimRun& run, const char* action) {
  return run.report["energy_pj"]["by_action"][action].get<double>();
}

}  // namespace

TEST_CASE("validation: one MAC costs Horowitz's multiply + add", "[sim][validation]") {
  // Horowitz 45 nm: 8-bit mult 0.2 + add 0.03; fp16 mult 1.1 + add 0.4; fp32 mult 3.7 + add 0.9 pJ.
  struct Row { const char* precision; double pj; };
  for (const Row& r : {Row{"int8", 0.2 + 0.03}, Row{"fp16", 1.1 + 0.4}, Row{"fp32", 3.7 + 0.9}}) {
    INFO(r.precision);
    const auto run = run_with({"workload.model=gemm", "workload.gemm.m=1", "workload.gemm.k=1", "workload.gemm.n=1",
                               std::string("workload.precision.weights=") + r.precision,
                               std::string("workload.precision.activations=") + r.precision,
                               // the TPU-v4-like array has no fp16 mode; this test is about prices
                               std::string("arch.core.array.macs_per_cycle.") + r.precision + "=1"});
    REQUIRE(run.exit_code == 0);
    CHECK(run.report["counts"]["macs"]["total"].get<std::uint64_t>() == 1);
    CHECK(action_pj(run, "mac") == Approx(r.pj).epsilon(1e-12));
  }
}

TEST_CASE("validation: one 64-bit SRAM read costs Horowitz's figure for its capacity", "[sim][validation]") {
  // Horowitz 45 nm, 64-bit read: 8 KB 10 pJ, 32 KB 20 pJ, 1 MB 100 pJ.
  struct Row { const char* capacity; double pj; const char* entry; };
  for (const Row& r : {Row{"8 KiB", 10, "entry 8 KiB"}, Row{"32 KiB", 20, "entry 32 KiB"},
                       Row{"1 MiB", 100, "entry 1 MiB"}, Row{"16 KiB", 20, "entry 32 KiB"}}) {
    INFO(r.capacity);
    const auto run = run_with({"workload.model=access", "workload.access.tier=sram", "workload.access.bits=64",
                               std::string("arch.core.sram.capacity=") + r.capacity});
    REQUIRE(run.exit_code == 0);
    CHECK(run.report["counts"]["bits"]["sram_read"].get<std::uint64_t>() == 64);
    CHECK(action_pj(run, "sram_read_bits") == Approx(r.pj).epsilon(1e-12));
    bool named = false;
    for (const auto& row : run.report["prices"])
      if (row["key"] == "arch.technology.sram_read")
        named = row["source"].get<std::string>().find(r.entry) != std::string::npos;
    CHECK(named);
  }
}

TEST_CASE("validation: one 64-bit DRAM access costs Horowitz's 1.3 nJ", "[sim][validation]") {
  // Horowitz 45 nm: DRAM 1.3-2.6 nJ per 64-bit access; the preset takes the low end.
  const auto run = run_with({"workload.model=access", "workload.access.tier=hbm", "workload.access.bits=64"});
  REQUIRE(run.exit_code == 0);
  CHECK(run.report["counts"]["bits"]["hbm_read"].get<std::uint64_t>() == 64);
  CHECK(action_pj(run, "hbm_read_bits") == Approx(1300).epsilon(1e-12));
}

TEST_CASE("validation: a malformed SRAM capacity table is a located error", "[sim][validation][errors]") {
  const auto run = run_with({"arch.technology.sram_read_by_capacity=8 KiB 0.1 pJ/bit"});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("arch.technology.sram_read_by_capacity") != std::string::npos);
}
