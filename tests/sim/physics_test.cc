// Closed-form checks of whole simulated runs (design.md, "Checks the model must pass").
// Each run is the pjsim executable in a child process.
#include <catch2/catch.hpp>

#include <cmath>

#include "run_pjsim.h"
#include "sim/config/load.h"
#include "test_points.h"
#include "workloads/transformer.h"

using pjsim::testing::point_with;
using pjsim::testing::run_default;
using nlohmann::json;

namespace {

std::uint64_t u64(const json& j) { return j.get<std::uint64_t>(); }

double sum_values(const json& object) {
  double sum = 0;
  for (const auto& item : object.items()) sum += item.value().get<double>();
  return sum;
}

}  // namespace

TEST_CASE("decode MACs = batch x (weight MACs + attention MACs over the context exactly", "[sim][physics]") {
  for (const char* batch : {"1", "7"}) {
    const std::vector<std::string> sets = {std::string("workload.batch=") + batch, "workload.context_tokens=512"};
    const auto run = run_default(sets);
    REQUIRE(run.exit_code == 0);
    const auto w = point_with(sets).workload;
    const std::uint64_t expected =
        w.batch * (w.model.weight_params() +
                   2 * w.model.num_hidden_layers * w.model.num_attention_heads * w.model.head_dim * 512);
    CHECK(u64(run.report["counts"]["macs"]["total"]) == expected);
    CHECK(u64(run.report["counts"]["macs"]["total"]) ==
          w.batch * pjsim::workloads::weight_macs_per_token(w.model) + pjsim::workloads::attention_macs(w, 0));
  }
}

TEST_CASE("weight-streaming decode reads the weights from HBM once per step whatever the batch", "[sim][physics]") {
  const auto w = point_with({}).workload;
  const std::uint64_t weight_bits = w.model.weight_params() * 16;
  for (const char* batch : {"1", "32", "128"}) {
    const auto run = run_default({std::string("workload.batch=") + batch, "workload.context_tokens=256"});
    REQUIRE(run.exit_code == 0);
    CHECK(u64(run.report["counts"]["bits_by_data"]["hbm_read"]["weights"]) == weight_bits);
  }
  // Two steps read them twice.
  const auto two = run_default({"workload.batch=4", "workload.context_tokens=256", "workload.steps=2"});
  REQUIRE(two.exit_code == 0);
  CHECK(u64(two.report["counts"]["bits_by_data"]["hbm_read"]["weights"]) == 2 * weight_bits);
}

TEST_CASE("KV bits read per decode step grow linearly with context", "[sim][physics]") {
  const auto w = point_with({}).workload;
  const std::uint64_t per_position = 2 * w.model.num_hidden_layers * w.model.kv_width() * 16;
  for (std::uint64_t context : {1024, 4096}) {
    const auto run = run_default({"workload.batch=2", "workload.context_tokens=" + std::to_string(context)});
    REQUIRE(run.exit_code == 0);
    CHECK(u64(run.report["counts"]["bits_by_data"]["hbm_read"]["kv"]) == 2 * context * per_position);
  }
}

TEST_CASE("energy per token and movement per MAC fall with batch", "[sim][physics]") {
  double previous_energy = 1e300, previous_ratio = 1e300;
  for (const char* batch : {"1", "16", "64", "256"}) {
    const auto run = run_default({std::string("workload.batch=") + batch, "workload.context_tokens=256"});
    REQUIRE(run.exit_code == 0);
    const double energy = run.report["tokens"]["energy_pj_per_token"].get<double>();
    const double ratio = run.report["ratios"]["movement_to_compute"].get<double>();
    if (std::string(batch) == "1") CHECK(ratio > 50);
    CHECK(energy < previous_energy);
    CHECK(ratio < previous_ratio);
    previous_energy = energy;
    previous_ratio = ratio;
  }
}

TEST_CASE("decode at batch 1 takes weight bytes / HBM bandwidth within 10%", "[sim][physics]") {
  const auto run = run_default({"workload.batch=1", "workload.context_tokens=128"});
  REQUIRE(run.exit_code == 0);
  const auto p = point_with({});
  const double weight_bytes = p.workload.model.weight_params() * 2.0;
  const double bound = weight_bytes / p.arch.chip.hbm.bandwidth_bytes_per_s;
  CHECK(run.report["time"]["seconds"].get<double>() == Approx(bound).epsilon(0.10));
}

// 20%: besides op barriers and fill/drain, causal attention's diagonal blocks (Q blocks of ~234
// tokens here) occupy the array for their full shape while only their unmasked MACs count.
TEST_CASE("a large prefill takes MACs / peak MAC rate within 20%", "[sim][physics]") {
  const std::vector<std::string> sets = {"workload.phase=prefill", "workload.prompt_tokens=2048", "workload.batch=2"};
  const auto run = run_default(sets);
  REQUIRE(run.exit_code == 0);
  const auto p = point_with(sets);
  const auto& mu = p.arch.core.matrix;
  const double peak = static_cast<double>(p.arch.chip.cores * mu.units * mu.rows * mu.cols) * p.arch.chip.frequency_hz;
  const double bound = run.report["counts"]["macs"]["total"].get<double>() / peak;
  CHECK(run.report["time"]["seconds"].get<double>() == Approx(bound).epsilon(0.20));
  CHECK(run.report["time"]["seconds"].get<double>() >= bound);
}

TEST_CASE("every breakdown sums to the total and two runs are byte-identical", "[sim][physics]") {
  const auto a = run_default({"workload.batch=3", "workload.context_tokens=300"});
  const auto b = run_default({"workload.batch=3", "workload.context_tokens=300"});
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  CHECK(a.report_text == b.report_text);
  const json& e = a.report["energy_pj"];
  const double total = e["total"].get<double>(), dynamic = e["dynamic"].get<double>();
  CHECK(std::abs(sum_values(e["by_tier"]) - total) <= 1e-9 * total);
  CHECK(std::abs(e["dynamic"].get<double>() + e["static"].get<double>() - total) <= 1e-9 * total);
  for (const char* breakdown : {"by_op", "by_layer", "by_core", "by_action"}) {
    INFO(breakdown);
    CHECK(std::abs(sum_values(e[breakdown]) - dynamic) <= 1e-9 * dynamic);
  }
}
