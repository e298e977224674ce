// Expert parallelism over a mesh of chips: all-to-all dispatch and combine with closed-form
// traffic, each chip streaming only its own experts, and the busiest expert's chip setting the pace.
#include <catch2/catch.hpp>

#include <cmath>

#include "run_pjsim.h"
#include "sim/config/load.h"
#include "test_points.h"
#include "topologies/chip_mesh.h"
#include "topologies/collectives.h"
#include "workloads/run_plan.h"

#include <map>

using pjsim::testing::point_with;
using pjsim::testing::run_default;
using pjsim::testing::with;

namespace {

const std::vector<std::string> kMixtralOver8 = {"workload.model=mixtral-8x7b", "arch.topology.dims=[8, 1]",
                                                "workload.mapping.expert=[x]"};


// ICI bit-hops of the dispatch and combine all-to-alls of a run: in every layer, source chip i sends
// chip j its share (share(c_j, i, 8), first ranks one more) of the c_j tokens routed to chip j's
// experts (expert e on chip e mod 8), each token a bf16 hidden vector; combine sends them back.
std::uint64_t routed_bit_hops(const pjsim::workloads::WorkloadSpec& w, const pjsim::topologies::ChipMesh& mesh) {
  const std::uint64_t p = 8;
  std::map<int, std::vector<std::uint64_t>> to_chip;  // layer -> tokens routed to each chip's experts
  for (const auto& op : pjsim::workloads::run_ops(w))
    if (op.expert >= 0 && op.name.size() > 8 && op.name.compare(op.name.size() - 8, 8, ".gate_up") == 0) {
      auto& c = to_chip[op.layer];
      c.resize(p);
      c[static_cast<std::uint64_t>(op.expert) % p] += op.m;
    }
  std::uint64_t total = 0;
  for (const auto& [layer, c] : to_chip)
    for (std::uint64_t i = 0; i < p; ++i)
      for (std::uint64_t j = 0; j < p; ++j)
        if (i != j) total += 2 * (c[j] / p + (i < c[j] % p ? 1 : 0)) * w.model.hidden_size * 2 * 8 * mesh.hops(i, j);
  return total;
}

}  // namespace

TEST_CASE("expert parallelism dispatches and combines tokens with two all-to-alls per layer", "[sim][physics]") {
  const auto run = run_default(with(kMixtralOver8, {"workload.batch=64", "workload.context_tokens=256"}));
  REQUIRE(run.exit_code == 0);
  const auto w = point_with(with(kMixtralOver8, {"workload.batch=64", "workload.context_tokens=256"})).workload;
  const pjsim::topologies::ChipMesh mesh({pjsim::topologies::TopologyKind::mesh2d, {8, 1}});
  CHECK(run.report["counts"]["bits"]["ici_bit_hops"].get<std::uint64_t>() == routed_bit_hops(w, mesh));
  CHECK(run.report["links"]["collectives"] == 2 * w.model.num_hidden_layers);
  CHECK(run.report["collectives"]["all_to_all"]["count"] == 2 * w.model.num_hidden_layers);
}

TEST_CASE("MoE link bits under skewed routing equal the routed counts and load the busiest expert's links more",
          "[sim][physics]") {
  const auto sets = with(kMixtralOver8, {"workload.batch=64", "workload.context_tokens=256"});
  const auto skewed_sets = with(sets, {"workload.routing.mode=skewed", "workload.routing.skew=2"});
  const auto uniform = run_default(sets);
  const auto skewed = run_default(skewed_sets);
  REQUIRE(uniform.exit_code == 0);
  REQUIRE(skewed.exit_code == 0);
  const pjsim::topologies::ChipMesh mesh({pjsim::topologies::TopologyKind::mesh2d, {8, 1}});
  CHECK(skewed.report["counts"]["bits"]["ici_bit_hops"].get<std::uint64_t>() ==
        routed_bit_hops(point_with(skewed_sets).workload, mesh));
  // Skew sends most tokens to chip 0's experts: the busiest link is busy longer than any under uniform routing.
  auto busiest_seconds = [](const nlohmann::json& r) {
    return r["links"]["max_utilisation"].get<double>() * r["time"]["seconds"].get<double>();
  };
  CHECK(busiest_seconds(skewed.report) > 1.2 * busiest_seconds(uniform.report));  // 1.25x at skew 2
}

TEST_CASE("each chip of an expert group streams the shared layers and only its own experts", "[sim][physics]") {
  const auto run = run_default(with(kMixtralOver8, {"workload.batch=64", "workload.context_tokens=256"}));
  REQUIRE(run.exit_code == 0);
  const auto m = point_with(with(kMixtralOver8, {"workload.batch=64", "workload.context_tokens=256"})).workload.model;
  const auto& moe = run.report["workload"]["moe"];
  const double touched = moe["distinct_experts_per_layer_step"].get<double>() * moe["layer_steps"].get<double>();
  // Shared layers (attention, router) and the LM head on all 8 chips; each touched expert once.
  const double expected = 16.0 * (8.0 * (m.num_hidden_layers * m.layer_shared_params() + m.hidden_size * m.vocab_size) +
                                  touched * m.expert_params());
  CHECK(run.report["counts"]["bits_by_data"]["hbm_read"]["weights"].get<double>() == Approx(expected).epsilon(1e-12));
  // Placement: a chip holds 1 of 8 experts in every layer, touched or not.
  const auto& chip0 = run.report["placement"]["chips"][0]["hbm"];
  CHECK(chip0["weights"].get<double>() ==
        Approx(2.0 * (m.num_hidden_layers * (m.layer_shared_params() + m.expert_params()) + m.hidden_size * m.vocab_size)));
}

TEST_CASE("load imbalance lengthens the step: skewed routing waits for the busiest expert's chip", "[sim][physics]") {
  const std::vector<std::string> prefill = {"workload.phase=prefill", "workload.prompt_tokens=128", "workload.batch=8"};
  const auto uniform = run_default(with(with(kMixtralOver8, prefill), {"workload.routing.mode=uniform"}));
  const auto skewed =
      run_default(with(with(kMixtralOver8, prefill), {"workload.routing.mode=skewed", "workload.routing.skew=2"}));
  REQUIRE(uniform.exit_code == 0);
  REQUIRE(skewed.exit_code == 0);
  CHECK(uniform.report["counts"]["macs"]["total"] == skewed.report["counts"]["macs"]["total"]);
  CHECK(skewed.report["time"]["seconds"].get<double>() > 1.3 * uniform.report["time"]["seconds"].get<double>());
}
