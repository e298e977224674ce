#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>

#include "topologies/core_mesh.h"

using pjsim::topologies::CoreMesh;

TEST_CASE("core mesh shape is the squarest rows x cols", "[topologies]") {
  struct Case { std::uint64_t cores, rows, cols; };
  for (const Case c : {Case{1, 1, 1}, Case{2, 1, 2}, Case{4, 2, 2}, Case{8, 2, 4},
                       Case{12, 3, 4}, Case{16, 4, 4}, Case{7, 1, 7}, Case{64, 8, 8}}) {
    const CoreMesh m(c.cores);
    CHECK(m.rows() == c.rows);
    CHECK(m.cols() == c.cols);
    CHECK(boost::num_vertices(m.graph()) == c.cores);
  }
  CHECK_THROWS_AS(CoreMesh(0), std::invalid_argument);
}

TEST_CASE("links: both directions of every neighbour pair, stable indices", "[topologies]") {
  const CoreMesh m(8);
  const std::uint64_t r = m.rows(), c = m.cols();
  REQUIRE(m.links().size() == 2 * (r * (c - 1) + c * (r - 1)));
  CHECK(boost::num_edges(m.graph()) == m.links().size());
  std::set<CoreMesh::Link> seen;
  for (std::size_t i = 0; i < m.links().size(); ++i) {
    const auto [a, b] = m.links()[i];
    CHECK(m.hops(a, b) == 1);
    CHECK(m.link_index(a, b) == i);
    CHECK(seen.count({b, a}) + seen.count({a, b}) <= 1);
    seen.insert({a, b});
  }
  for (const auto& [a, b] : m.links()) CHECK(seen.count({b, a}) == 1);
  CHECK(m.links() == CoreMesh(8).links());  // deterministic
  CHECK_THROWS_AS(m.link_index(0, 5), std::out_of_range);
  CHECK_THROWS_AS(m.hops(0, 8), std::out_of_range);
}

TEST_CASE("routes go X then Y, one link per hop", "[topologies][physics]") {
  const CoreMesh m(12);  // 3 x 4
  for (std::uint64_t a = 0; a < m.cores(); ++a) {
    for (std::uint64_t b = 0; b < m.cores(); ++b) {
      const auto path = m.route(a, b);
      REQUIRE(path.size() == m.hops(a, b));
      std::uint64_t at = a;
      bool turned = false;  // once the route moves in Y it never moves in X again
      for (const auto& [from, to] : path) {
        CHECK(from == at);
        CHECK(m.hops(from, to) == 1);
        (void)m.link_index(from, to);  // every step is a real link
        const bool x_move = m.row_of(from) == m.row_of(to);
        if (!x_move) turned = true;
        CHECK(!(turned && x_move));
        at = to;
      }
      CHECK(at == b);
    }
  }
  // The header's example.
  const CoreMesh m8(8);
  CHECK(m8.route(4, 2) == std::vector<CoreMesh::Link>{{4, 5}, {5, 6}, {6, 2}});
  CHECK(m8.hops(4, 2) == 3);
  CHECK(m8.route(3, 3).empty());
}

TEST_CASE("mean hop distance of a k x k mesh matches the closed form", "[topologies][physics]") {
  for (std::uint64_t k : {1, 2, 3, 4, 8}) {
    const CoreMesh m(k * k);
    REQUIRE(m.rows() == k);
    std::uint64_t total = 0;
    for (std::uint64_t a = 0; a < m.cores(); ++a) {
      for (std::uint64_t b = 0; b < m.cores(); ++b) total += m.hops(a, b);
    }
    // Over all ordered pairs including a == b, each dimension is independent and contributes the
    // mean |i - j| of a k-node line, (k^2 - 1) / (3k).
    const double kd = static_cast<double>(k);
    const double pairs = static_cast<double>(m.cores() * m.cores());
    CHECK(static_cast<double>(total) / pairs == Approx(2.0 * (kd * kd - 1.0) / (3.0 * kd)));
    // The all-gather sum is the same double sum (a == b adds nothing).
    CHECK(m.all_gather_bit_hops(1) == total);
  }
}

TEST_CASE("all-gather bit-hops by hand", "[topologies][physics]") {
  // 2 cores (1 x 2): each sends its shard one hop to the other.
  CHECK(CoreMesh(2).all_gather_bit_hops(1000) == 2 * 1000);
  // 4 cores (2 x 2): each core has two neighbours at 1 hop and the diagonal at 2 hops.
  CHECK(CoreMesh(4).all_gather_bit_hops(1000) == 4 * (1 + 1 + 2) * 1000);
  // 1 core: nothing moves.
  CHECK(CoreMesh(1).all_gather_bit_hops(1000) == 0);
  // Non-square 2 x 4 against the brute-force double sum (the header's example).
  const CoreMesh m(8);
  std::uint64_t total = 0;
  for (std::uint64_t a = 0; a < 8; ++a) {
    for (std::uint64_t b = 0; b < 8; ++b) total += m.hops(a, b);
  }
  CHECK(total == 112);
  CHECK(m.all_gather_bit_hops(3) == 3 * total);
}
