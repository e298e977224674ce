// Expert parallelism over a mesh of chips: all-to-all dispatch and combine with closed-form
// traffic, each chip streaming only its own experts, and the busiest expert's chip setting the pace.
#include <catch2/catch.hpp>

#include <cmath>

#include "run_pjsim.h"
#include "sim/config/load.h"
#include "test_points.h"
#include "topologies/chip_mesh.h"
#include "topologies/collectives.h"

using pjsim::testing::point_with;
using pjsim::testing::run_default;
using pjsim::testing::with;

namespace {

const std::vector<std::string> kMixtralOver8 = {"workload.model=mixtral-8x7b", "arch.topology.dims=[8, 1]",
                                                "workload.mapping.expert=[x]"};

}  // namespace

TEST_CASE("expert parallelism dispatches and combines tokens with two all-to-alls per layer", "[sim][physics]") {
  const auto run = run_default(with(kMixtralOver8, {"workload.batch=64", "workload.context_tokens=256"}));
  REQUIRE(run.exit_code == 0);
  const auto w = point_with(with(kMixtralOver8, {"workload.batch=64", "workload.context_tokens=256"})).workload;
  // Each chip sends its 8 tokens x top-2 x 4096 bf16 hidden vectors, 1/8 to each peer.
  const std::uint64_t bytes = 64 / 8 * w.model.num_experts_per_tok * w.model.hidden_size * 2;
  const pjsim::topologies::ChipMesh mesh({pjsim::topologies::TopologyKind::mesh2d, {8, 1}});
  const auto schedule = pjsim::topologies::all_to_all(mesh, {0}, bytes);
  CHECK(pjsim::topologies::bytes_sent_by(schedule, 3) == bytes * 7 / 8);
  CHECK(run.report["counts"]["bits"]["ici_bit_hops"].get<std::uint64_t>() ==
        2 * w.model.num_hidden_layers * pjsim::topologies::bit_hops(schedule, mesh));
  CHECK(run.report["links"]["collectives"] == 2 * w.model.num_hidden_layers);
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
