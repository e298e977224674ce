#include <catch2/catch.hpp>

#include <chrono>
#include <deque>
#include <limits>
#include <set>
#include <stdexcept>

#include "topologies/chip_mesh.h"

using pjsim::topologies::ChipMesh;
using pjsim::topologies::TopologyKind;
using pjsim::topologies::TopologySpec;

namespace {

// Hop distances from `from` to every chip, by breadth-first search over the directed links.
std::vector<std::uint64_t> bfs(const ChipMesh& m, std::uint64_t from) {
  std::vector<std::uint64_t> dist(m.chips(), std::numeric_limits<std::uint64_t>::max());
  std::deque<std::uint64_t> queue{from};
  dist[from] = 0;
  while (!queue.empty()) {
    const std::uint64_t at = queue.front();
    queue.pop_front();
    for (auto [e, end] = boost::out_edges(at, m.graph()); e != end; ++e) {
      const std::uint64_t next = boost::target(*e, m.graph());
      if (dist[next] > dist[at] + 1) {
        dist[next] = dist[at] + 1;
        queue.push_back(next);
      }
    }
  }
  return dist;
}

// The axis along which a link moves (its two chips differ on exactly one coordinate).
std::size_t axis_of(const ChipMesh& m, const ChipMesh::Link& link) {
  const auto a = m.coords(link.first), b = m.coords(link.second);
  std::size_t axis = m.axes(), differing = 0;
  for (std::size_t i = 0; i < m.axes(); ++i) {
    if (a[i] != b[i]) {
      axis = i;
      ++differing;
    }
  }
  REQUIRE(differing == 1);
  return axis;
}

// Links out of each chip along an axis of size k: a mesh has 2 (k - 1) x chips / k in all; a
// torus 2 x chips for k > 2, chips for k = 2 (the wrap link is the direct one), 0 for k = 1.
std::uint64_t expected_links(const ChipMesh& m) {
  std::uint64_t total = 0;
  for (std::size_t a = 0; a < m.axes(); ++a) {
    const std::uint64_t k = m.dim(a);
    if (!m.wraps()) {
      total += 2 * (k - 1) * (m.chips() / k);
    } else {
      total += k > 2 ? 2 * m.chips() : (k == 2 ? m.chips() : 0);
    }
  }
  return total;
}

const std::vector<TopologySpec> shapes{
    {TopologyKind::mesh2d, {4, 4}},    {TopologyKind::torus2d, {4, 4}},
    {TopologyKind::torus3d, {3, 3, 3}}, {TopologyKind::mesh3d, {2, 3, 4}},
    {TopologyKind::torus3d, {2, 3, 4}}, {TopologyKind::torus2d, {5, 1}},
    {TopologyKind::mesh2d, {7, 1}},
};

}  // namespace

TEST_CASE("topology kind names round-trip", "[topologies]") {
  for (const std::string& name : pjsim::topologies::topology_kind_names()) {
    const auto kind = pjsim::topologies::parse_topology_kind(name);
    REQUIRE(kind.has_value());
    CHECK(pjsim::topologies::to_string(*kind) == name);
  }
  CHECK(pjsim::topologies::topology_kind_names().size() == 4);
  CHECK_FALSE(pjsim::topologies::parse_topology_kind("torus4d").has_value());
  CHECK_FALSE(pjsim::topologies::parse_topology_kind("Mesh2d").has_value());
}

TEST_CASE("chip mesh rejects bad specs", "[topologies]") {
  CHECK_THROWS_AS(ChipMesh({TopologyKind::mesh2d, {4, 4, 4}}), std::invalid_argument);
  CHECK_THROWS_AS(ChipMesh({TopologyKind::torus3d, {4, 4}}), std::invalid_argument);
  CHECK_THROWS_AS(ChipMesh({TopologyKind::mesh2d, {0, 4}}), std::invalid_argument);
  CHECK_THROWS_AS(ChipMesh({TopologyKind::mesh3d, {101, 100, 100}}), std::invalid_argument);
  CHECK_THROWS_AS(ChipMesh({TopologyKind::mesh2d, {1ULL << 40, 1ULL << 40}}),
                  std::invalid_argument);
  CHECK_THROWS_AS(ChipMesh({TopologyKind::mesh2d, {1001, 1000}}), std::invalid_argument);
  CHECK(ChipMesh::max_chips == 1'000'000);  // building the limit itself takes seconds in Debug
}

TEST_CASE("chip ids, coordinates and counts", "[topologies][physics]") {
  const ChipMesh m({TopologyKind::torus3d, {4, 4, 4}});
  CHECK(m.chips() == 64);
  CHECK(m.axes() == 3);
  CHECK(m.wraps());
  CHECK(m.coords(27) == std::vector<std::uint64_t>{3, 2, 1});
  CHECK(m.chip_at({3, 2, 1}) == 27);
  for (std::uint64_t c = 0; c < m.chips(); ++c) CHECK(m.chip_at(m.coords(c)) == c);
  CHECK_THROWS_AS(m.coords(64), std::out_of_range);
  CHECK_THROWS_AS(m.chip_at({4, 0, 0}), std::out_of_range);
  CHECK_THROWS_AS(m.chip_at({0, 0}), std::invalid_argument);
  CHECK_THROWS_AS(m.dim(3), std::out_of_range);
  CHECK(ChipMesh({TopologyKind::mesh2d, {8, 8}}).chips() == 64);
  CHECK_FALSE(ChipMesh({TopologyKind::mesh2d, {8, 8}}).wraps());
  CHECK(ChipMesh({TopologyKind::mesh3d, {2, 3, 4}}).chips() == 24);
  CHECK(ChipMesh(TopologySpec{}).chips() == 1);
}

TEST_CASE("links: counts per axis, neighbours only, no duplicates, stable indices",
          "[topologies][physics]") {
  for (const TopologySpec& spec : shapes) {
    const ChipMesh m(spec);
    INFO(pjsim::topologies::to_string(spec.kind) << " chips " << m.chips());
    CHECK(m.links().size() == expected_links(m));
    CHECK(boost::num_edges(m.graph()) == m.links().size());
    CHECK(boost::num_vertices(m.graph()) == m.chips());
    const std::set<ChipMesh::Link> unique(m.links().begin(), m.links().end());
    CHECK(unique.size() == m.links().size());
    for (std::size_t i = 0; i < m.links().size(); ++i) {
      const auto [a, b] = m.links()[i];
      CHECK(m.hops(a, b) == 1);
      CHECK(m.link_index(a, b) == i);
      CHECK(unique.count({b, a}) == 1);  // both directions
      if (i > 0) CHECK(m.links()[i - 1] < m.links()[i]);
    }
  }
  // Exact counts: 4x4 mesh 48, 4x4 torus 64, 4x4x4 torus 384, 2x2 torus 8 (as a 2x2 mesh).
  CHECK(ChipMesh({TopologyKind::mesh2d, {4, 4}}).links().size() == 48);
  CHECK(ChipMesh({TopologyKind::torus2d, {4, 4}}).links().size() == 64);
  CHECK(ChipMesh({TopologyKind::torus3d, {4, 4, 4}}).links().size() == 384);
  CHECK(ChipMesh({TopologyKind::torus2d, {2, 2}}).links().size() == 8);
  CHECK(ChipMesh({TopologyKind::torus2d, {1, 1}}).links().empty());
  const ChipMesh m({TopologyKind::mesh2d, {4, 4}});
  CHECK_THROWS_AS(m.link_index(0, 5), std::out_of_range);
  CHECK_THROWS_AS(m.link_index(0, 3), std::out_of_range);  // a torus link, not a mesh one
  CHECK_NOTHROW(ChipMesh({TopologyKind::torus2d, {4, 4}}).link_index(0, 3));
}

TEST_CASE("hops and dimension-order routes match BFS on every pair", "[topologies][physics]") {
  for (const TopologySpec& spec : shapes) {
    const ChipMesh m(spec);
    INFO(pjsim::topologies::to_string(spec.kind) << " chips " << m.chips());
    for (std::uint64_t a = 0; a < m.chips(); ++a) {
      const auto dist = bfs(m, a);
      for (std::uint64_t b = 0; b < m.chips(); ++b) {
        REQUIRE(m.hops(a, b) == dist[b]);
        const auto path = m.route(a, b);
        REQUIRE(path.size() == dist[b]);
        std::uint64_t at = a;
        std::size_t last_axis = 0;
        for (const auto& link : path) {
          REQUIRE(link.first == at);
          REQUIRE_NOTHROW(m.link_index(link.first, link.second));
          const std::size_t axis = axis_of(m, link);
          REQUIRE(axis >= last_axis);  // x, then y, then z
          last_axis = axis;
          at = link.second;
        }
        REQUIRE(at == b);
      }
    }
  }
}

TEST_CASE("torus routes take the shorter way, ties in the positive direction", "[topologies]") {
  const ChipMesh t({TopologyKind::torus2d, {4, 4}});
  CHECK(t.route(0, 15) == std::vector<ChipMesh::Link>{{0, 3}, {3, 15}});
  CHECK(t.route(0, 2) == std::vector<ChipMesh::Link>{{0, 1}, {1, 2}});  // tie: +x
  CHECK(t.route(2, 0) == std::vector<ChipMesh::Link>{{2, 3}, {3, 0}});  // tie: +x via the wrap
  const ChipMesh m({TopologyKind::mesh2d, {4, 4}});
  CHECK(m.route(1, 14) == std::vector<ChipMesh::Link>{{1, 2}, {2, 6}, {6, 10}, {10, 14}});
  CHECK(m.hops(0, 15) == 6);
  CHECK(t.hops(0, 15) == 2);
  CHECK(ChipMesh({TopologyKind::torus3d, {4, 4, 4}}).hops(0, 63) == 3);
  CHECK(m.route(5, 5).empty());
}

TEST_CASE("average hops: closed forms per axis", "[topologies][physics]") {
  // A k-node line averages (k^2 - 1) / (3k) over all k^2 ordered pairs, i.e. (k + 1) / 3 over
  // the k (k - 1) distinct ones; a k-ring floor(k^2 / 4) / k, i.e. floor(k^2 / 4) / (k - 1).
  for (std::uint64_t k : {2, 3, 4, 7, 8}) {
    CHECK(ChipMesh({TopologyKind::mesh2d, {k, 1}}).average_hops() == Approx((k + 1) / 3.0));
    CHECK(ChipMesh({TopologyKind::torus2d, {1, k}}).average_hops() ==
          Approx(static_cast<double>(k * k / 4) / static_cast<double>(k - 1)));
  }
  CHECK(ChipMesh(TopologySpec{}).average_hops() == 0.0);
  // Brute force over every distinct ordered pair.
  for (const TopologySpec& spec : shapes) {
    const ChipMesh m(spec);
    double sum = 0;
    for (std::uint64_t a = 0; a < m.chips(); ++a) {
      for (std::uint64_t b = 0; b < m.chips(); ++b) sum += static_cast<double>(m.hops(a, b));
    }
    const double n = static_cast<double>(m.chips());
    CHECK(m.average_hops() == Approx(sum / (n * (n - 1))));
  }
  // 64 chips three ways: 4x4x4 torus 3 x 256 x 16 / 4032 = 192/63 ~ 3.05 hops;
  // 8x8 torus 2 x 64 x 128 / 4032 = 256/63 ~ 4.06; 8x8 mesh 2 x 64 x 168 / 4032 = 16/3 ~ 5.33.
  const double torus3d = ChipMesh({TopologyKind::torus3d, {4, 4, 4}}).average_hops();
  const double torus2d = ChipMesh({TopologyKind::torus2d, {8, 8}}).average_hops();
  const double mesh2d = ChipMesh({TopologyKind::mesh2d, {8, 8}}).average_hops();
  CHECK(torus3d == Approx(192.0 / 63.0));
  CHECK(torus2d == Approx(256.0 / 63.0));
  CHECK(mesh2d == Approx(16.0 / 3.0));
  CHECK(torus3d < torus2d);
  CHECK(torus2d < mesh2d);
}

TEST_CASE("groups: lines and planes in ring order, a partition of the chips", "[topologies]") {
  const ChipMesh m({TopologyKind::mesh2d, {4, 4}});
  CHECK(m.group(5, {1}) == std::vector<std::uint64_t>{1, 5, 9, 13});
  CHECK(m.group(5, {0}) == std::vector<std::uint64_t>{4, 5, 6, 7});
  CHECK(m.group(5, {}) == std::vector<std::uint64_t>{5});
  CHECK(m.group(0, {1, 0}) ==
        std::vector<std::uint64_t>{0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15});
  CHECK(m.groups({1}) == std::vector<std::vector<std::uint64_t>>{
                             {0, 4, 8, 12}, {1, 5, 9, 13}, {2, 6, 10, 14}, {3, 7, 11, 15}});
  CHECK_THROWS_AS(m.group(0, {2}), std::invalid_argument);
  CHECK_THROWS_AS(m.group(0, {0, 0}), std::invalid_argument);

  const ChipMesh t({TopologyKind::torus3d, {4, 4, 4}});
  for (const std::vector<std::size_t>& axes :
       {std::vector<std::size_t>{0}, {1}, {2}, {0, 1}, {2, 0}, {0, 1, 2}}) {
    std::uint64_t size = 1;
    for (std::size_t a : axes) size *= t.dim(a);
    const auto gs = t.groups(axes);
    CHECK(gs.size() == t.chips() / size);
    std::set<std::uint64_t> seen;
    for (std::size_t i = 0; i < gs.size(); ++i) {
      CHECK(gs[i].size() == size);
      if (i > 0) CHECK(gs[i - 1].front() < gs[i].front());
      for (std::uint64_t c : gs[i]) {
        CHECK(t.group(c, axes) == gs[i]);
        seen.insert(c);
      }
    }
    CHECK(seen.size() == t.chips());
  }
}

TEST_CASE("a 16x16x24 torus of 6144 chips builds fast", "[topologies]") {
  const auto start = std::chrono::steady_clock::now();
  const ChipMesh m({TopologyKind::torus3d, {16, 16, 24}});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(m.chips() == 6144);
  CHECK(m.links().size() == 3 * 2 * 6144);
  CHECK(m.hops(0, m.chips() - 1) == 3);
  CHECK(seconds < 5.0);  // generous for Debug + sanitizers; it takes milliseconds
}
