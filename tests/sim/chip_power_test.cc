// Power by component, voltage scaling, DVFS points and matrix-unit rates by precision, checked on
// whole simulated runs (docs/energy-model.md#static-power-by-component, docs/gemm-timing.md#rates).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "run_pjsim.h"
#include "study_files.h"

using pjsim::testing::run_default;
using nlohmann::json;

namespace {

double num(const json& j) { return j.get<double>(); }

double sum_values(const json& object) {
  double sum = 0;
  for (const auto& item : object.items()) sum += item.value().get<double>();
  return sum;
}

const std::vector<std::string> kTiny = {"workload.model=tiny-llama", "workload.batch=4", "workload.context_tokens=64"};

std::vector<std::string> with(std::vector<std::string> base, const std::vector<std::string>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

}  // namespace

TEST_CASE("static power of the TPU-v4-like chip: its parts add up to the measured 90 W idle", "[sim][physics]") {
  const auto run = run_default(kTiny);
  REQUIRE(run.exit_code == 0);
  const json& stat = run.report["prices_static"];
  double parts_w = 0;
  for (const auto& p : stat["parts"]) {
    CHECK(num(p["watts"]) == Approx(num(p["units"]) * num(p["watts_each"])));
    parts_w += num(p["watts"]);
  }
  CHECK(parts_w == Approx(90).epsilon(1e-12));
  CHECK(num(stat["static_power_w"]) == Approx(parts_w).epsilon(1e-12));
  CHECK(stat["parts"].size() == 6);
  // energy_pj.static is the sum of its parts, and the idle (static) power of the report is 90 W.
  const json& energy = run.report["energy_pj"];
  CHECK(num(energy["static"]) == Approx(sum_values(energy["static_by_part"])).epsilon(1e-12));
  CHECK(num(energy["static"]) == Approx(90 * num(run.report["time"]["seconds"]) * 1e12).epsilon(1e-12));
  const json& power = run.report["power"];
  CHECK(sum_values(power["average_w"]["static"]) == Approx(90).epsilon(1e-12));
  CHECK(num(power["average_w"]["total"]) == Approx(num(run.report["metrics"]["avg_power_watts"])).epsilon(1e-9));
  CHECK(num(power["peak_w"]["total"]) >= num(power["average_w"]["total"]) * (1 - 1e-12));
  // Doubling the core SRAM adds its leakage: 32 MiB more x 0.01 W.
  const auto more = run_default(with(kTiny, {"arch.core.sram.capacity=32 MiB"}));
  REQUIRE(more.exit_code == 0);
  CHECK(num(more.report["prices_static"]["static_power_w"]) == Approx(90 + 32 * 0.01).epsilon(1e-12));
}

TEST_CASE("halving the voltage at a fixed frequency quarters on-die dynamic energy", "[sim][physics]") {
  const auto nominal = run_default(kTiny);
  const auto half = run_default(with(kTiny, {"arch.chip.voltage=0.375 V"}));
  REQUIRE(nominal.exit_code == 0);
  REQUIRE(half.exit_code == 0);
  const json& a = nominal.report["energy_pj"]["by_tier"];
  const json& b = half.report["energy_pj"]["by_tier"];
  for (const char* tier : {"compute", "sram", "noc"}) CHECK(num(b[tier]) == Approx(num(a[tier]) / 4).epsilon(1e-12));
  CHECK(num(b["hbm"]) == Approx(num(a["hbm"])).epsilon(1e-12));  // the DRAM's own supply
  CHECK(num(half.report["time"]["seconds"]) == num(nominal.report["time"]["seconds"]));
  // Leakage on the core supply halves; HBM and link SerDes power do not move.
  const json& sa = nominal.report["power"]["average_w"]["static"];
  const json& sb = half.report["power"]["average_w"]["static"];
  for (const char* part : {"core", "uncore", "sram"}) CHECK(num(sb[part]) == Approx(num(sa[part]) / 2).epsilon(1e-12));
  for (const char* part : {"hbm", "links"}) CHECK(num(sb[part]) == Approx(num(sa[part])).epsilon(1e-12));
}

TEST_CASE("a DVFS point sets the clock: a lower point is slower and cheaper per token", "[sim][physics]") {
  const std::vector<std::string> table = {"arch.chip.dvfs='0.65 V: 800 MHz, 0.75 V: 1050 MHz'"};
  const auto fast = run_default(with(with(kTiny, table), {"arch.chip.voltage=0.75 V"}));
  const auto slow = run_default(with(with(kTiny, table), {"arch.chip.voltage=0.65 V"}));
  REQUIRE(fast.exit_code == 0);
  REQUIRE(slow.exit_code == 0);
  CHECK(num(slow.report["time"]["frequency_hz"]) == 8e8);
  CHECK(num(fast.report["time"]["frequency_hz"]) == 1.05e9);
  CHECK(num(slow.report["time"]["seconds"]) > num(fast.report["time"]["seconds"]));
  const double v2 = (0.65 / 0.75) * (0.65 / 0.75);
  CHECK(num(slow.report["energy_pj"]["by_tier"]["compute"]) ==
        Approx(num(fast.report["energy_pj"]["by_tier"]["compute"]) * v2).epsilon(1e-9));
}

TEST_CASE("reprice keeps the static parts and the voltage scaling", "[sim][physics]") {
  const auto half = run_default(with(kTiny, {"arch.chip.voltage=0.375 V"}));
  REQUIRE(half.exit_code == 0);
  pjsim::testing::TempDir dir;
  const std::string report = pjsim::testing::write_text(dir / "report.json", half.report_text);
  const auto again = pjsim::testing::run_pjsim({"reprice", report, "--technology", "tpu-7nm", "--out",
                                                dir / "repriced", "--quiet"});
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  const json repriced = json::parse(pjsim::testing::read_file(dir / "repriced/report.json"));
  CHECK(num(repriced["energy_pj"]["total"]) == Approx(num(half.report["energy_pj"]["total"])).epsilon(1e-12));
  CHECK(num(repriced["energy_pj"]["static"]) == Approx(num(half.report["energy_pj"]["static"])).epsilon(1e-12));
  CHECK(num(repriced["power"]["peak_w"]["total"]) == Approx(num(half.report["power"]["peak_w"]["total"])).epsilon(1e-12));
  CHECK(num(repriced["area"]["total_mm2"]) == Approx(num(half.report["area"]["total_mm2"])).epsilon(1e-12));
}

TEST_CASE("a compute-bound int8 prefill on a v5e-like chip takes about half its bf16 time", "[sim][physics]") {
  const std::vector<std::string> point = {"arch=tpu-v5e-like", "workload.model=gemm", "workload.gemm.m=8192",
                                          "workload.gemm.k=4096", "workload.gemm.n=4096"};
  const auto bf16 = run_default(with(point, {"workload.precision.weights=bf16", "workload.precision.activations=bf16"}));
  const auto int8 = run_default(with(point, {"workload.precision.weights=int8", "workload.precision.activations=int8"}));
  REQUIRE(bf16.exit_code == 0);
  REQUIRE(int8.exit_code == 0);
  const double ratio = num(int8.report["time"]["seconds"]) / num(bf16.report["time"]["seconds"]);
  // Half the folds at int8; the bf16 run also streams some weights (matrix utilisation ~0.93).
  CHECK(ratio == Approx(0.5).epsilon(0.1));
  // A whole Llama-3-8B prefill of 2048 tokens (HBM raised to 32 GB so that bf16 weights fit).
  const std::vector<std::string> prefill = {"arch=tpu-v5e-like", "arch.chip.hbm.capacity=32 GB", "workload.phase=prefill",
                                            "workload.prompt_tokens=2048", "workload.batch=1"};
  const auto p16 = run_default(with(prefill, {"workload.precision.weights=bf16", "workload.precision.activations=bf16"}));
  const auto p8 = run_default(with(prefill, {"workload.precision.weights=int8", "workload.precision.activations=int8"}));
  REQUIRE(p16.exit_code == 0);
  REQUIRE(p8.exit_code == 0);
  CHECK(num(p8.report["time"]["seconds"]) / num(p16.report["time"]["seconds"]) == Approx(0.5).epsilon(0.05));
  // On the TPU-v4-like chip int8 runs at the bf16 rate: the same compute time, give or take the bits moved.
  const std::vector<std::string> v4 = {"workload.model=gemm", "workload.gemm.m=8192", "workload.gemm.k=2048",
                                       "workload.gemm.n=2048"};
  const auto v4_bf16 = run_default(with(v4, {"workload.precision.weights=bf16", "workload.precision.activations=bf16"}));
  const auto v4_int8 = run_default(with(v4, {"workload.precision.weights=int8", "workload.precision.activations=int8"}));
  REQUIRE(v4_bf16.exit_code == 0);
  REQUIRE(v4_int8.exit_code == 0);
  CHECK(num(v4_int8.report["time"]["seconds"]) / num(v4_bf16.report["time"]["seconds"]) > 0.9);
}

TEST_CASE("fp8 runs end to end where the array declares it", "[sim][physics]") {
  const std::vector<std::string> fp8 = {"workload.precision.weights=fp8_e4m3", "workload.precision.activations=fp8_e4m3",
                                        "workload.precision.kv=fp8_e4m3"};
  const auto refused = run_default(with(kTiny, fp8));
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("declare arch.core.array.macs_per_cycle.fp8_e4m3"));
  const auto run = run_default(with(with(kTiny, fp8), {"arch.core.array.macs_per_cycle.fp8_e4m3=2"}));
  REQUIRE(run.exit_code == 0);
  CHECK(num(run.report["energy_pj"]["by_action"]["mac"]) > 0);
}

TEST_CASE("the area ledger: its lines sum to the chip, the components to the total", "[sim][physics]") {
  const auto run = run_default(kTiny);
  REQUIRE(run.exit_code == 0);
  const json& area = run.report["area"];
  double lines = 0;
  for (const auto& l : area["lines"]) {
    CHECK(num(l["mm2"]) == Approx(num(l["units"]) * num(l["mm2_each"])));
    CHECK_FALSE(l["source"].get<std::string>().empty());  // every coefficient has its source
    lines += num(l["mm2"]);
  }
  CHECK(lines == Approx(num(area["per_chip_mm2"])).epsilon(1e-12));
  CHECK(sum_values(area["by_component_mm2"]) == Approx(num(area["total_mm2"])).epsilon(1e-12));
  CHECK(num(area["total_mm2"]) == Approx(num(area["per_chip_mm2"])).epsilon(1e-12));  // one chip
  CHECK(num(area["tokens_per_s_per_mm2"]) ==
        Approx(num(run.report["metrics"]["tokens_per_second"]) / num(area["total_mm2"])).epsilon(1e-12));
  // An int8 mode at twice the rate adds one more int8 datapath per PE: 2 cores x 4 x 128 x 128 x 1e-4 mm^2.
  const auto fast = run_default(with(kTiny, {"arch.core.array.macs_per_cycle.int8=2"}));
  REQUIRE(fast.exit_code == 0);
  CHECK(num(fast.report["area"]["total_mm2"]) - num(area["total_mm2"]) == Approx(131072 * 1e-4).epsilon(1e-9));
  // Twice the SRAM: 32 MiB more at 0.4 mm^2 per MiB.
  const auto sram = run_default(with(kTiny, {"arch.core.sram.capacity=32 MiB"}));
  REQUIRE(sram.exit_code == 0);
  CHECK(num(sram.report["area"]["by_component_mm2"]["sram"]) == Approx(64 * 0.4).epsilon(1e-12));
}

TEST_CASE("power gating: idle link ports and idle cores leak their gated fraction, wake-ups cost time", "[sim][physics]") {
  const auto plain = run_default(kTiny);
  REQUIRE(plain.exit_code == 0);
  const double seconds = num(plain.report["time"]["seconds"]);
  auto static_of = [](const json& report, const char* part) { return num(report["power"]["average_w"]["static"][part]); };
  // Threshold 0, nothing left while gated: a single chip's 6 link ports are idle all run (0 W);
  // the cores draw their power only while their matrix units work.
  const auto gated = run_default(with(kTiny, {"arch.chip.gating.enabled=true", "arch.chip.gating.idle_threshold=0 s"}));
  REQUIRE(gated.exit_code == 0);
  CHECK(static_of(gated.report, "links") == Approx(0).margin(1e-9));
  const double matrix_busy = num(gated.report["utilisation"]["matrix"]);
  CHECK(static_of(gated.report, "core") == Approx(40 * matrix_busy).epsilon(1e-6));
  for (const char* part : {"uncore", "sram", "hbm"}) CHECK(static_of(gated.report, part) == static_of(plain.report, part));
  CHECK(num(gated.report["time"]["seconds"]) == seconds);  // no wake latency: no time cost
  CHECK(num(gated.report["energy_pj"]["dynamic"]) == num(plain.report["energy_pj"]["dynamic"]));
  CHECK(num(gated.report["energy_pj"]["static"]) == Approx(sum_values(gated.report["energy_pj"]["static_by_part"])).epsilon(1e-12));
  // Half the leakage left while gated: the links draw half.
  const auto half = run_default(with(kTiny, {"arch.chip.gating.enabled=true", "arch.chip.gating.idle_threshold=0 s",
                                             "arch.chip.gating.gated_fraction=0.5"}));
  REQUIRE(half.exit_code == 0);
  CHECK(static_of(half.report, "links") == Approx(6).epsilon(1e-9));
  // A threshold longer than the run gates nothing.
  const auto never = run_default(with(kTiny, {"arch.chip.gating.enabled=true", "arch.chip.gating.idle_threshold=1 ms"}));
  REQUIRE(never.exit_code == 0);
  REQUIRE(seconds < 1e-3);
  CHECK(num(never.report["prices_static"]["static_power_w"]) == Approx(90).epsilon(1e-12));
  // Waking takes time: every gated gap delays the next tile by the wake latency.
  const auto slow = run_default(with(kTiny, {"arch.chip.gating.enabled=true", "arch.chip.gating.idle_threshold=0 s",
                                             "arch.chip.gating.wake_latency=100 ns", "arch.chip.gating.wake_energy=10 nJ"}));
  REQUIRE(slow.exit_code == 0);
  CHECK(num(slow.report["time"]["seconds"]) > seconds);
}
