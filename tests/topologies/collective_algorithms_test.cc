// Concurrent multi-axis rings, one-shot collectives and the cost model that chooses between them.
#include <catch2/catch.hpp>

#include "topologies/chip_mesh.h"
#include "topologies/collective_algorithms.h"

namespace topo = pjsim::topologies;
using topo::AxisSchedule;
using topo::ChipMesh;

namespace {

ChipMesh torus444() {
  topo::TopologySpec spec;
  spec.kind = topo::TopologyKind::torus3d;
  spec.dims = {4, 4, 4};
  return ChipMesh(spec);
}

const topo::LinkModel kIci{45e9, 1e-6};

}  // namespace

TEST_CASE("a concurrent multi-axis all-reduce sends what the sequential one sends, in as many steps", "[topologies][physics]") {
  const ChipMesh m = torus444();
  const std::uint64_t bytes = 3ull * 64 * 1024 * 1024;
  const auto seq = topo::all_reduce(m, {0, 1, 2}, bytes, AxisSchedule::sequential);
  const auto con = topo::all_reduce(m, {0, 1, 2}, bytes, AxisSchedule::concurrent);
  CHECK(con.steps.size() == seq.steps.size());  // 2 x (3 + 3 + 3)
  CHECK(con.steps.size() == 18);
  for (std::uint64_t chip : {0ull, 21ull, 63ull}) {
    CHECK(bytes_sent_by(con, chip) == bytes_sent_by(seq, chip));
    CHECK(bytes_sent_by(con, chip) == 2 * 63 * bytes / 64);
  }
  CHECK(bit_hops(con, m) == bit_hops(seq, m));
  // Every step of the concurrent schedule drives all 6 links of every chip; the sequential one 2.
  for (const auto& step : con.steps) {
    std::vector<int> used(m.links().size());
    for (const auto& t : step.transfers) used[m.link_index(t.src, t.dst)] = 1;
    CHECK(std::count(used.begin(), used.end(), 1) == static_cast<long>(m.links().size()));
  }
  // Bandwidth term: 0.984 B against 0.328 B per link direction (collective_algorithms.h).
  const double ratio = estimated_seconds(seq, m, kIci) / estimated_seconds(con, m, kIci);
  CHECK(ratio == Approx(3.0).margin(0.05));  // 18 hop latencies in each
  // Reduce-scatter steps add, all-gather steps do not.
  CHECK(con.steps.front().reduces);
  CHECK_FALSE(con.steps.back().reduces);
}

TEST_CASE("one-shot collectives take one step and win for small buffers", "[topologies][physics]") {
  const ChipMesh m = torus444();
  const auto ar = topo::one_shot_all_reduce(m, {0, 1, 2}, 2048);
  REQUIRE(ar.steps.size() == 1);
  CHECK(ar.steps.front().reduces);
  CHECK(bytes_sent_by(ar, 5) == 63 * 2048);
  const auto ag = topo::one_shot_all_gather(m, {0}, 4096);
  CHECK(bytes_sent_by(ag, 0) == 3 * 1024);
  // 2 KiB over a 4-chip ring: 6 ring steps of 1 us against one step of at most 2 hops.
  const auto small_shot = topo::one_shot_all_reduce(m, {0}, 2048);
  const auto ring = topo::all_reduce(m, {0}, 2048, AxisSchedule::concurrent);
  CHECK(estimated_seconds(ring, m, kIci) == Approx(6 * (1e-6 + 256 / 45e9)));
  CHECK(estimated_seconds(small_shot, m, kIci) < estimated_seconds(ring, m, kIci));
  // 64 MiB: the ring's bandwidth wins.
  const auto big_ring = topo::all_reduce(m, {0, 1, 2}, 64ull << 20, AxisSchedule::concurrent);
  const auto big_shot = topo::one_shot_all_reduce(m, {0, 1, 2}, 64ull << 20);
  CHECK(estimated_seconds(big_ring, m, kIci) < estimated_seconds(big_shot, m, kIci));
}
