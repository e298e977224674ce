// The on-chip core array of one chip as a 2D mesh (a Boost.Graph of directed links).
//
// Layout: `cores` are placed row-major on rows x cols, with rows the largest divisor of `cores`
// not above sqrt(cores) (so the mesh is as square as the count allows: 2 -> 1 x 2,
// 4 -> 2 x 2, 8 -> 2 x 4, 12 -> 3 x 4; a prime count becomes a 1 x p line).
// Core id = row x cols + col. Each neighbour pair is joined by two directed links.
//
//   8 cores, 2 x 4:           col 0     col 1     col 2     col 3
//                   row 0    [ 0 ] <-> [ 1 ] <-> [ 2 ] <-> [ 3 ]
//                              ^         ^         ^         ^
//                              v         v         v         v
//                   row 1    [ 4 ] <-> [ 5 ] <-> [ 6 ] <-> [ 7 ]
//
// Routing is dimension-order, X (along the row, changing the column) first, then Y (changing
// the row). Dimension-order routing on a mesh is deadlock-free and deterministic, which is why
// on-chip networks commonly use it. Route 4 -> 2 (3 hops):
//
//                    [ 0 ]     [ 1 ]     [ 2 ]     [ 3 ]
//                                          ^  (Y)
//                                          |
//                    [ 4 ] --> [ 5 ] --> [ 6 ]     [ 7 ]
//                         (X)       (X)
//   route(4, 2) = {(4,5), (5,6), (6,2)};  hops(4, 2) = |0 - 2| + |1 - 0| = 3.
//
// Example: CoreMesh m(8); m.rows() == 2; m.cols() == 4; m.links().size() == 20
// (2 x (rows x (cols-1) + cols x (rows-1))); m.all_gather_bit_hops(1) == 112.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace pjsim::topologies {

class CoreMesh {
 public:
  /// A directed link (from core, to core) between neighbours.
  using Link = std::pair<std::uint64_t, std::uint64_t>;
  struct LinkProperty {
    std::size_t index = 0;  ///< position in links()
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                      boost::no_property, LinkProperty>;

  /// Throws std::invalid_argument when cores == 0.
  explicit CoreMesh(std::uint64_t cores);

  std::uint64_t cores() const { return rows_ * cols_; }
  std::uint64_t rows() const { return rows_; }
  std::uint64_t cols() const { return cols_; }
  std::uint64_t row_of(std::uint64_t core) const { return core / cols_; }
  std::uint64_t col_of(std::uint64_t core) const { return core % cols_; }

  /// Manhattan distance; 0 when a == b. Throws std::out_of_range for an unknown core.
  std::uint64_t hops(std::uint64_t a, std::uint64_t b) const;

  /// Dimension-order (X then Y) route as directed links, hops(a, b) of them; empty when a == b.
  std::vector<Link> route(std::uint64_t a, std::uint64_t b) const;

  /// Every directed link, each once. The order is stable (by source core, then by target core),
  /// so a simulator can keep one contended resource per entry.
  const std::vector<Link>& links() const { return links_; }

  /// Index of a directed link in links(). Throws std::out_of_range when a and b are not neighbours.
  std::size_t link_index(std::uint64_t from, std::uint64_t to) const;

  /// Bit-hops of an all-gather in which every core sends its shard of `bits_per_core` bits to
  /// every other core along its own route (no forwarding or multicast):
  /// sum over ordered pairs a != b of bits_per_core x hops(a, b)
  /// = bits_per_core x (rows^2 x L(cols) + cols^2 x L(rows)), L(k) = k (k^2 - 1) / 3 being the
  /// sum of |i - j| over the k^2 ordered pairs of a k-node line.
  /// Example: 2 x 2 mesh, each core has two cores 1 hop away and one 2 hops away:
  /// 4 x (1 + 1 + 2) = 16 bit-hops per bit of shard.
  std::uint64_t all_gather_bit_hops(std::uint64_t bits_per_core) const;

  const Graph& graph() const { return graph_; }

 private:
  void check(std::uint64_t core) const;

  std::uint64_t rows_ = 1;
  std::uint64_t cols_ = 1;
  Graph graph_;
  std::vector<Link> links_;
};

}  // namespace pjsim::topologies
