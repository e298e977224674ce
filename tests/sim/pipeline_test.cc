// Pipeline parallelism in time: a decode step's token leaves the last stage before the next step
// enters the first, and micro-batches fill the stages with the bubble (P - 1) / (M + P - 1).
#include <catch2/catch.hpp>

#include "run_pjsim.h"
#include "test_points.h"
#include "topologies/chip_mesh.h"

using pjsim::testing::point_with;
using pjsim::testing::run_default;
using pjsim::testing::with;

namespace {

// Four stages along y, weights streamed from HBM (so a stage's time does not depend on SRAM room).
const std::vector<std::string> kFourStages = {"workload.context_tokens=256", "workload.placement.weights=hbm",
                                              "arch.topology.dims=[1, 4]", "workload.mapping.pipeline=[y]"};

double seconds(const pjsim::testing::PjsimRun& run) { return run.report["time"]["seconds"].get<double>(); }

}  // namespace

TEST_CASE("S decode steps through P stages take at least S times one step", "[sim][physics]") {
  const auto sets = with(kFourStages, {"workload.batch=2"});
  const auto one = run_default(sets);
  const auto four = run_default(with(sets, {"workload.steps=4"}));
  REQUIRE(one.exit_code == 0);
  REQUIRE(four.exit_code == 0);
  // Step s + 1 enters stage 0 only after step s's token has left stage 3: the steps follow each
  // other. Not exactly 4x: while a stage waits its DMA already loads its next tiles of weights and
  // KV (which do not depend on the token); the first step starts cold (docs/mapping.md; with one
  // DMA buffer the steps are >= 2x for 2). With overlapping steps (the old schedule) 4 steps took
  // 1.77x one step.
  CHECK(seconds(four) >= 0.98 * 4 * seconds(one));
  CHECK(seconds(four) <= 4.05 * seconds(one));
  // Link bits: 4 steps x 3 stage boundaries x 2 x 4096 bf16 activations, one hop each, plus 3
  // tokens sent back (2 int32 ids) from stage 3 to stage 0.
  const pjsim::topologies::ChipMesh mesh(point_with(sets).arch.topology);
  const std::uint64_t back = mesh.hops(mesh.chip_at({0, 3}), mesh.chip_at({0, 0}));
  CHECK(four.report["counts"]["bits"]["ici_bit_hops"].get<std::uint64_t>() ==
        4ull * 3 * 2 * 4096 * 16 + 3ull * 2 * 32 * back);
  CHECK(four.report["pipeline"]["stages"] == 4);
  CHECK(four.report["pipeline"]["microbatches"] == 1);
  // Without micro-batches each stage works a quarter of the time.
  CHECK(four.report["pipeline"]["bubble"].get<double>() == Approx(0.75).margin(0.01));
}

TEST_CASE("M balanced micro-batches through P stages leave the bubble (P - 1) / (M + P - 1)", "[sim][physics]") {
  // A small vocabulary keeps the last stage's LM head negligible: the four stages are balanced.
  const auto sets = with(kFourStages, {"workload.batch=8", "workload.model.vocab_size=512"});
  const double p = 4;
  double previous = 1;
  for (int m : {1, 2, 4, 8}) {
    const auto run = run_default(with(sets, {"workload.mapping.microbatches=" + std::to_string(m)}));
    REQUIRE(run.exit_code == 0);
    INFO("micro-batches " << m);
    const double bubble = run.report["pipeline"]["bubble"].get<double>();
    CHECK(bubble == Approx((p - 1) / (m + p - 1)).margin(0.01));
    CHECK(bubble < previous);
    previous = bubble;
    CHECK(run.report["pipeline"]["microbatches"] == m);
    // The same tokens move between stages, cut into m messages.
    CHECK(run.report["counts"]["bits"]["ici_bit_hops"].get<std::uint64_t>() == 3ull * 8 * 4096 * 16);
  }
}

TEST_CASE("micro-batches larger than the batch or not dividing it are located errors", "[sim][errors]") {
  for (const char* m : {"3", "32"}) {
    const auto run = run_default(with(kFourStages, {"workload.batch=16", std::string("workload.mapping.microbatches=") + m}));
    INFO(run.err);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains("workload.mapping.microbatches"));
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  }
}
