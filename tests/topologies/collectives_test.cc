#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>

#include "topologies/chip_mesh.h"
#include "topologies/collectives.h"

namespace topo = pjsim::topologies;
using topo::ChipMesh;
using topo::Schedule;
using topo::TopologyKind;
using Axes = std::vector<std::size_t>;

namespace {

constexpr std::uint64_t MiB = 1ULL << 20;

struct Case {
  topo::TopologySpec spec;
  Axes axes;
};

// Built field by field: brace-initialising the spec inside the aggregate trips a false
// -Wmaybe-uninitialized in GCC 12 at -O3.
Case make_case(TopologyKind kind, std::vector<std::uint64_t> dims, Axes axes) {
  Case c;
  c.spec.kind = kind;
  c.spec.dims = std::move(dims);
  c.axes = std::move(axes);
  return c;
}

// Shapes and axis sets: tori (bidirectional rings), meshes (folded rings), sizes 1, 2, 3, 4, 8.
const std::vector<Case> cases{
    make_case(TopologyKind::torus3d, {4, 4, 4}, {0}),
    make_case(TopologyKind::torus3d, {4, 4, 4}, {0, 1}),
    make_case(TopologyKind::torus3d, {4, 4, 4}, {0, 1, 2}),
    make_case(TopologyKind::torus3d, {4, 4, 4}, {2, 0}),
    make_case(TopologyKind::mesh2d, {8, 8}, {0, 1}),
    make_case(TopologyKind::mesh2d, {8, 8}, {1}),
    make_case(TopologyKind::torus2d, {4, 4}, {0}),
    make_case(TopologyKind::mesh2d, {4, 4}, {0}),
    make_case(TopologyKind::torus3d, {3, 3, 3}, {0, 1, 2}),
    make_case(TopologyKind::mesh3d, {2, 3, 4}, {0, 1, 2}),
    make_case(TopologyKind::torus3d, {2, 3, 4}, {2, 1, 0}),
    make_case(TopologyKind::torus2d, {5, 1}, {0, 1}),
};

std::uint64_t group_size(const ChipMesh& m, const Axes& axes) {
  std::uint64_t p = 1;
  for (std::size_t a : axes) p *= m.dim(a);
  return p;
}

std::uint64_t ring_steps(const ChipMesh& m, const Axes& axes) {
  std::uint64_t steps = 0;
  for (std::size_t a : axes) steps += m.dim(a) - 1;
  return steps;
}

// A size every chunking divides exactly: p x 2^(axes) (the bidirectional halves) x 3.
std::uint64_t divisible_bytes(const ChipMesh& m, const Axes& axes) {
  return group_size(m, axes) * (1ULL << axes.size()) * 3 * 1024;
}

bool same(const Schedule& a, const Schedule& b) {
  if (a.steps.size() != b.steps.size()) return false;
  for (std::size_t s = 0; s < a.steps.size(); ++s) {
    const auto& x = a.steps[s].transfers;
    const auto& y = b.steps[s].transfers;
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (x[i].src != y[i].src || x[i].dst != y[i].dst || x[i].bytes != y[i].bytes) return false;
    }
  }
  return true;
}

std::uint64_t max_hops(const Schedule& s, const ChipMesh& m) {
  std::uint64_t most = 0;
  for (const auto& step : s.steps) {
    for (const auto& t : step.transfers) most = std::max(most, m.hops(t.src, t.dst));
  }
  return most;
}

}  // namespace

TEST_CASE("ring collectives: bytes per chip and step counts, exactly", "[topologies][physics]") {
  for (const Case& c : cases) {
    const ChipMesh m(c.spec);
    const std::uint64_t p = group_size(m, c.axes), bytes = divisible_bytes(m, c.axes);
    INFO(topo::to_string(c.spec.kind) << " chips " << m.chips() << " p " << p);
    const Schedule ar = topo::all_reduce(m, c.axes, bytes);
    const Schedule rs = topo::reduce_scatter(m, c.axes, bytes);
    const Schedule ag = topo::all_gather(m, c.axes, bytes);
    CHECK(ar.kind == topo::CollectiveKind::all_reduce);
    CHECK(rs.kind == topo::CollectiveKind::reduce_scatter);
    CHECK(ag.kind == topo::CollectiveKind::all_gather);
    CHECK(ar.steps.size() == 2 * ring_steps(m, c.axes));
    CHECK(rs.steps.size() == ring_steps(m, c.axes));
    CHECK(ag.steps.size() == ring_steps(m, c.axes));
    for (std::uint64_t chip = 0; chip < m.chips(); ++chip) {
      CHECK(topo::bytes_sent_by(ar, chip) == 2 * (p - 1) * (bytes / p));
      CHECK(topo::bytes_sent_by(rs, chip) == (p - 1) * (bytes / p));
      CHECK(topo::bytes_sent_by(ag, chip) == (p - 1) * (bytes / p));
    }
    // reduce_scatter then all_gather is the all-reduce, step for step.
    Schedule joined = rs;
    joined.steps.insert(joined.steps.end(), ag.steps.begin(), ag.steps.end());
    CHECK(same(joined, ar));
  }
}

TEST_CASE("ring steps: at most one transfer per chip and ring direction", "[topologies]") {
  const ChipMesh t({TopologyKind::torus2d, {4, 4}});
  const Schedule ar = topo::all_reduce(t, {0}, 4096);  // the header's example
  REQUIRE(ar.steps.size() == 6);
  for (const auto& step : ar.steps) {
    CHECK(step.transfers.size() == 32);
    for (const auto& x : step.transfers) CHECK(x.bytes == 512);
  }
  CHECK(topo::bytes_sent_by(ar, 0) == 6144);
  const ChipMesh m({TopologyKind::mesh2d, {4, 4}});
  for (const auto& step : topo::all_reduce(m, {0}, 4096).steps) {
    CHECK(step.transfers.size() == 16);  // unidirectional: one per chip
  }
}

TEST_CASE("ring hops: 1 per transfer on a torus, at most 2 on a mesh folded ring",
          "[topologies][physics]") {
  for (const Case& c : cases) {
    const ChipMesh m(c.spec);
    INFO(topo::to_string(c.spec.kind) << " chips " << m.chips());
    const Schedule ar = topo::all_reduce(m, c.axes, divisible_bytes(m, c.axes));
    CHECK(max_hops(ar, m) <= (m.wraps() ? 1u : 2u));
  }
  // The folded ring does use 2-hop neighbours (0 -> 2) on a mesh line of 4.
  const ChipMesh m({TopologyKind::mesh2d, {4, 1}});
  CHECK(max_hops(topo::all_reduce(m, {0}, 4096), m) == 2);
}

TEST_CASE("ring bit-hops: closed forms, torus vs mesh", "[topologies][physics]") {
  const std::uint64_t bytes = 64 * MiB;
  // 4x4x4 torus over all axes: every transfer is 1 hop, so bit-hops = 8 x bytes sent by all
  // chips = 8 x 64 x 2 x 63/64 x 64 MiB = 8 x 64 x 126 MiB = 67,645,734,912.
  const ChipMesh torus({TopologyKind::torus3d, {4, 4, 4}});
  const Schedule t = topo::all_reduce(torus, {0, 1, 2}, bytes);
  CHECK(t.steps.size() == 18);
  CHECK(topo::bytes_sent_by(t, 0) == 126 * MiB);
  CHECK(topo::bit_hops(t, torus) == 8 * 64 * 126 * MiB);
  CHECK(topo::bit_hops(t, torus) == 67'645'734'912ULL);

  // 8x8 mesh over both axes, folded rings: per axis phase, 8 rings x 14 steps x 2 (8 - 1) = 14
  // hops per ring step x chunk; chunk 64 MiB / 8 on x, 64 MiB / 64 on y.
  // = 8 bits x 8 x 14 x 14 x (8 MiB + 1 MiB) = 8 x 14,112 MiB = 118,380,036,096 (1.75x the torus).
  const ChipMesh mesh({TopologyKind::mesh2d, {8, 8}});
  const Schedule s = topo::all_reduce(mesh, {0, 1}, bytes);
  CHECK(s.steps.size() == 28);
  CHECK(topo::bytes_sent_by(s, 0) == 126 * MiB);
  CHECK(topo::bit_hops(s, mesh) == 8 * 8 * 14 * 14 * 9 * MiB);
  CHECK(topo::bit_hops(t, torus) < topo::bit_hops(s, mesh));

  // One axis of size k: the mesh pays 2 (k - 1) / k times the torus bit-hops.
  for (std::uint64_t k : {3, 4, 5, 8}) {
    const ChipMesh ml({TopologyKind::mesh2d, {k, 1}}), tl({TopologyKind::torus2d, {k, 1}});
    const std::uint64_t b = 2 * k * 1000;
    const std::uint64_t torus_bh = topo::bit_hops(topo::all_reduce(tl, {0}, b), tl);
    CHECK(torus_bh == 8 * k * 2 * (k - 1) * (b / k));
    CHECK(topo::bit_hops(topo::all_reduce(ml, {0}, b), ml) * k == torus_bh * 2 * (k - 1));
  }
}

TEST_CASE("uneven sizes: integer chunks add up to the buffer exactly", "[topologies]") {
  // A 3-chip mesh line, 10 bytes: chunks 4, 3, 3. Each ring step sends every chunk once.
  const ChipMesh m({TopologyKind::mesh2d, {3, 1}});
  const Schedule rs = topo::reduce_scatter(m, {0}, 10);
  REQUIRE(rs.steps.size() == 2);
  for (const auto& step : rs.steps) {
    std::uint64_t sum = 0;
    for (const auto& t : step.transfers) sum += t.bytes;
    CHECK(sum == 10);
  }
  // Fewer bytes than chips: empty chunks are left out, the steps stay.
  const Schedule tiny = topo::all_reduce(m, {0}, 1);
  CHECK(tiny.steps.size() == 4);
  CHECK(topo::bytes_sent_by(tiny, 0) + topo::bytes_sent_by(tiny, 1) +
            topo::bytes_sent_by(tiny, 2) == 4);
}

TEST_CASE("all-to-all: direct routes, (p-1)/p of the buffer per chip", "[topologies][physics]") {
  for (const Case& c : cases) {
    const ChipMesh m(c.spec);
    const std::uint64_t p = group_size(m, c.axes), bytes = p * 100;
    const Schedule a = topo::all_to_all(m, c.axes, bytes);
    CHECK(a.kind == topo::CollectiveKind::all_to_all);
    CHECK(a.steps.size() == p - 1);
    for (const auto& step : a.steps) CHECK(step.transfers.size() == m.chips());
    for (std::uint64_t chip = 0; chip < m.chips(); ++chip) {
      CHECK(topo::bytes_sent_by(a, chip) == (p - 1) * (bytes / p));
    }
  }
  // 4x4 mesh over both axes (the header's example): 100 bytes per ordered pair, and the hops over
  // all ordered pairs sum to 4^2 L(4) + 4^2 L(4) = 640, L(k) = k (k^2 - 1) / 3 = 20.
  const ChipMesh m({TopologyKind::mesh2d, {4, 4}});
  const Schedule a = topo::all_to_all(m, {0, 1}, 1600);
  CHECK(a.steps.size() == 15);
  CHECK(topo::bit_hops(a, m) == 100 * 8 * 640);
}

TEST_CASE("every transfer stays inside the sender's group", "[topologies][physics]") {
  for (const Case& c : cases) {
    const ChipMesh m(c.spec);
    const std::uint64_t bytes = divisible_bytes(m, c.axes);
    for (const Schedule& s :
         {topo::all_reduce(m, c.axes, bytes), topo::reduce_scatter(m, c.axes, bytes),
          topo::all_gather(m, c.axes, bytes), topo::all_to_all(m, c.axes, bytes)}) {
      for (const auto& step : s.steps) {
        for (const auto& t : step.transfers) {
          const auto g = m.group(t.src, c.axes);
          CHECK(t.src != t.dst);
          CHECK(std::find(g.begin(), g.end(), t.dst) != g.end());
        }
      }
    }
  }
}

TEST_CASE("send/recv: one step from a stage to the next", "[topologies]") {
  const ChipMesh m({TopologyKind::mesh2d, {4, 4}});
  const Schedule s = topo::send_recv(m, 1, 100, 2);
  CHECK(s.kind == topo::CollectiveKind::send_recv);
  REQUIRE(s.steps.size() == 1);
  REQUIRE(s.steps[0].transfers.size() == 4);
  for (std::uint64_t i = 0; i < 4; ++i) {
    CHECK(s.steps[0].transfers[i].src == 8 + i);
    CHECK(s.steps[0].transfers[i].dst == 12 + i);
    CHECK(s.steps[0].transfers[i].bytes == 100);
  }
  CHECK(topo::bit_hops(s, m) == 4 * 100 * 8);
  CHECK_THROWS_AS(topo::send_recv(m, 1, 100, 3), std::invalid_argument);
  CHECK_THROWS_AS(topo::send_recv(m, 2, 100, 0), std::invalid_argument);
}

TEST_CASE("collectives reject bad axes, size-1 axes add no step", "[topologies]") {
  const ChipMesh m({TopologyKind::torus2d, {5, 1}});
  CHECK(topo::all_reduce(m, {1}, 1000).steps.empty());
  CHECK(topo::all_to_all(m, {1}, 1000).steps.empty());
  CHECK_THROWS_AS(topo::all_reduce(m, {2}, 1000), std::invalid_argument);
  CHECK_THROWS_AS(topo::reduce_scatter(m, {0, 0}, 1000), std::invalid_argument);
  CHECK_THROWS_AS(topo::all_gather(m, {3}, 1000), std::invalid_argument);
  CHECK_THROWS_AS(topo::all_to_all(m, {0, 0}, 1000), std::invalid_argument);
  CHECK(topo::to_string(topo::CollectiveKind::reduce_scatter) == "reduce_scatter");
}
