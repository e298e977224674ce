// Chip-level calibration (docs/validation.md, "Chip-level calibration"): whole simulated runs on
// the TPU presets against published chip figures.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "run_pjsim.h"

using pjsim::testing::run_pjsim;

namespace {

pjsim::testing::PjsimRun run_arch(const std::string& arch, const std::vector<std::string>& sets) {
  std::vector<std::string> args = {"run", "--quiet", "--arch", arch};
  for (const std::string& s : sets) {
    args.push_back("--set");
    args.push_back(s);
  }
  return run_pjsim(args);
}

double seconds(const pjsim::testing::PjsimRun& r) { return r.report["time"]["seconds"].get<double>(); }

// Decode step time of Llama-3-8B on tpu-v5e-like at a batch, context 128 (KV does not move the
// knee); HBM capacity raised to 32 GB so that bf16 weights fit (a v5e has 16 GB).
double v5e_step(const std::string& weights, int batch) {
  const auto run = run_arch("tpu-v5e-like", {"workload.batch=" + std::to_string(batch), "workload.context_tokens=128",
                                             "workload.precision.weights=" + weights, "arch.chip.hbm.capacity=32 GB"});
  REQUIRE(run.exit_code == 0);
  return seconds(run);
}

// The knee: where the HBM-bound floor (batch 32) meets the compute-bound line through batches
// 384 and 512.
double knee(const std::string& weights) {
  const double flat = v5e_step(weights, 32), t384 = v5e_step(weights, 384), t512 = v5e_step(weights, 512);
  const double slope = (t512 - t384) / 128.0;
  return 384.0 - (t384 - flat) / slope;
}

}  // namespace

TEST_CASE("validation: TPU-v4-like prefill at peak draws the measured 170-192 W, ~0.7 pJ/FLOP", "[sim][validation]") {
  const auto run = run_arch("tpu-v4-like", {"workload.phase=prefill", "workload.prompt_tokens=2048", "workload.batch=2"});
  REQUIRE(run.exit_code == 0);
  const double total_pj = run.report["energy_pj"]["total"].get<double>();
  const double macs = run.report["counts"]["macs"]["total"].get<double>();
  const double watts = total_pj / seconds(run) / 1e12;
  CHECK(run.report["utilisation"]["matrix"].get<double>() > 0.9);
  CHECK(watts >= 170 * 0.95);  // Cloud TPU v4 mean 170 W, max 192 W (measured); 5% for the estimates
  CHECK(watts <= 192 * 1.05);
  // The same power by component: the static parts add up to the measured 90 W idle, the dynamic
  // tiers bring the rest; the peak window is no lower than the average.
  const auto& power = run.report["power"];
  CHECK(power["average_w"]["total"].get<double>() == Approx(watts).epsilon(1e-9));
  double static_w = 0;
  for (const auto& part : power["average_w"]["static"].items()) static_w += part.value().get<double>();
  CHECK(static_w == Approx(90).epsilon(1e-12));
  CHECK(power["peak_w"]["total"].get<double>() >= watts * (1 - 1e-12));
  CHECK(power["peak_w"]["total"].get<double>() <= 192 * 1.05);
  // 0.70 pJ/FLOP = 192 W / 275 TFLOP/s (peak power over peak rate). pjsim's all-in figure divides by
  // the FLOPs actually run (matrix utilisation ~0.91), so it is ~11% above; at peak rate it is within 5%.
  const double all_in = total_pj / (2 * macs);
  CHECK(all_in == Approx(0.70).epsilon(0.15));
  CHECK(watts / 275.0 == Approx(0.70).epsilon(0.05));
}

TEST_CASE("validation: TPU-v5e-like decode turns compute-bound near the published critical batch", "[sim][validation]") {
  // Published (JAX scaling book): 197 TFLOP/s / 819 GB/s = 240 for bf16 weights, 120 for int8
  // weights with bf16 compute. pjsim's bf16 knee is lower (~183, -24%): its compute-bound regime
  // runs at ~0.87 matrix utilisation (op barriers, vector work and per-tile fill/drain), which
  // steepens the compute line; the int8 knee lands on 120 partly because the dequantisation work
  // on the vector unit raises the HBM-bound floor (docs/validation.md).
  const double bf16 = knee("bf16"), int8 = knee("int8");
  CHECK(bf16 == Approx(240).epsilon(0.30));
  CHECK(bf16 < 240);
  CHECK(int8 == Approx(120).epsilon(0.15));
}
