// The chips of a system as a 2D/3D mesh or torus (a k-ary n-cube), a Boost.Graph of directed links.
//
// Layout: dims = {X, Y} or {X, Y, Z}; chip id = x + X * (y + Y * z) (x fastest). Each pair of
// neighbours along an axis is joined by two directed links, one per direction. A torus adds the
// wrap-around link between coordinate k-1 and 0 of every axis of size k >= 3 (for k = 2 the two
// chips are already neighbours, for k = 1 there is no link): every chip then has 2 links out per
// axis, as in TPU v4/v5p 3D tori.
//
//   mesh2d 4 x 4                               torus2d 4 x 4 (wrap links shown as ~)
//   y=0  [ 0]<->[ 1]<->[ 2]<->[ 3]             ~[ 0]<->[ 1]<->[ 2]<->[ 3]~   (3 <-> 0 wrap)
//          ^      ^      ^      ^                  ^      ^      ^      ^
//          v      v      v      v                  v      v      v      v
//   y=1  [ 4]<->[ 5]<->[ 6]<->[ 7]             ~[ 4]<->[ 5]<->[ 6]<->[ 7]~
//          :      :      :      :                  :      :      :      :
//   y=3  [12]<->[13]<->[14]<->[15]             ~[12]<->[13]<->[14]<->[15]~
//                                                  ~      ~      ~      ~    (12 <-> 0 wrap, ...)
//
// Routing is dimension-order: all X hops, then all Y hops, then all Z hops (deterministic; on a
// mesh deadlock-free). On a torus each axis goes the shorter way round; a tie (|d| = k/2) takes
// the positive direction. hops(a, b) = sum over axes of |d| (mesh) or min(|d|, k - |d|) (torus),
// and route(a, b) has exactly hops(a, b) links.
//
//   mesh2d 4 x 4, route(1, 14):            torus2d 4 x 4, route(0, 15):
//     [ 0] [ 1]->[ 2] [ 3]   X               [ 0]  . . . . . . . .  [ 3]   X: 0 -> 3 by the wrap
//                  |                                                 |
//     [ 4] [ 5] [ 6] [ 7]    Y               (Y: 3 -> 15 by the wrap, y 0 -> 3 is 1 hop back)
//                  |                                                 |
//     [ 8] [ 9] [10] [11]    Y               [12]                   [15]
//                  |
//     [12] [13] [14] [15]    Y
//   = {(1,2),(2,6),(6,10),(10,14)}, 4 hops   = {(0,3),(3,15)}, 2 hops (a mesh needs 6)
//
// Example: ChipMesh m({TopologyKind::torus3d, {4, 4, 4}}); m.chips() == 64;
// m.links().size() == 384 (2 x 64 per axis); m.hops(0, 63) == 3; m.average_hops() == 192 / 63.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "topologies/topology_kind.h"

namespace pjsim::topologies {

class ChipMesh {
 public:
  /// A directed link (from chip, to chip) between neighbours.
  using Link = std::pair<std::uint64_t, std::uint64_t>;
  struct LinkProperty {
    std::size_t index = 0;  ///< position in links()
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                      boost::no_property, LinkProperty>;

  /// Largest system accepted (chips).
  static constexpr std::uint64_t max_chips = 1'000'000;

  /// Throws std::invalid_argument on a wrong number of dims for the kind, a dim of 0, or more
  /// than max_chips chips.
  explicit ChipMesh(const TopologySpec& spec);

  TopologyKind kind() const { return kind_; }
  std::uint64_t chips() const { return chips_; }
  /// 2 or 3; axis 0 = "x", 1 = "y", 2 = "z".
  std::size_t axes() const { return dims_.size(); }
  /// Size of an axis. Throws std::out_of_range for axis >= axes().
  std::uint64_t dim(std::size_t axis) const;
  const std::vector<std::uint64_t>& dims() const { return dims_; }
  /// True on a torus (every axis wraps; a dim of 1 or 2 adds no extra link).
  bool wraps() const { return wraps_; }

  /// Coordinates of a chip, one per axis: chip id = x + dims[0] * (y + dims[1] * z).
  /// Example on 4 x 4 x 4: coords(27) == {3, 2, 1}. Throws std::out_of_range for an unknown chip.
  std::vector<std::uint64_t> coords(std::uint64_t chip) const;
  /// Inverse of coords(). Throws std::invalid_argument on a wrong coordinate count,
  /// std::out_of_range on a coordinate >= its dim.
  std::uint64_t chip_at(const std::vector<std::uint64_t>& coords) const;

  /// Per axis |d| on a mesh, min(|d|, k - |d|) on a torus, summed; 0 when a == b.
  /// Throws std::out_of_range for an unknown chip.
  std::uint64_t hops(std::uint64_t a, std::uint64_t b) const;
  /// Dimension-order route (x, then y, then z) as directed links, hops(a, b) of them, each in
  /// links(); on a torus each axis goes the shorter way (ties: the positive direction).
  /// Empty when a == b.
  std::vector<Link> route(std::uint64_t a, std::uint64_t b) const;

  /// Every directed link once, in a stable order (by source chip, then target chip), so a
  /// simulator can keep one contended resource per entry.
  const std::vector<Link>& links() const { return links_; }
  /// Index of a directed link in links(). Throws std::out_of_range when not neighbours.
  std::size_t link_index(std::uint64_t from, std::uint64_t to) const;

  /// Mean hops over the ordered pairs of distinct chips (0 for one chip), by a closed form per
  /// axis: sum over all ordered pairs = sum over axes of (N/k)^2 x S(k), with
  /// S(k) = k (k^2 - 1) / 3 on a k-node line and k x floor(k^2 / 4) on a k-ring; divided by
  /// N (N - 1). Example: 4 x 4 x 4 torus: 3 x 16^2 x 16 / (64 x 63) = 192 / 63 ~ 3.05;
  /// 8 x 8 mesh: 2 x 8^2 x 168 / 4032 = 16 / 3 ~ 5.33; 8 x 8 torus: 2 x 64 x 128 / 4032 ~ 4.06.
  double average_hops() const;

  /// The chips of `chip`'s group over `axes`: chips whose coordinates equal chip's on every
  /// other axis, in ring order (axes varied in the given order, first axis fastest; each axis
  /// from coordinate 0 up). Example: dims 4x4x4, axes {0} -> the 4 chips of chip's x-line;
  /// axes {0,1} -> its 16-chip xy-plane; group(5, {1}) on 4x4 == {1, 5, 9, 13}; axes {} -> {chip}.
  /// Throws std::invalid_argument on a repeated axis or an axis >= axes(), std::out_of_range
  /// for an unknown chip.
  std::vector<std::uint64_t> group(std::uint64_t chip, const std::vector<std::size_t>& axes) const;
  /// All disjoint groups over `axes` (each as group() gives it), ordered by their first chip.
  /// Example: 4 x 4, axes {1} -> {{0,4,8,12}, {1,5,9,13}, {2,6,10,14}, {3,7,11,15}}.
  std::vector<std::vector<std::uint64_t>> groups(const std::vector<std::size_t>& axes) const;

  const Graph& graph() const { return graph_; }

 private:
  void check(std::uint64_t chip) const;
  void check_axes(const std::vector<std::size_t>& axes) const;
  // The neighbour of `chip` one step along `axis` in direction +1 (up) or -1 (down), wrapping on
  // a torus. Only called where such a neighbour exists.
  std::uint64_t step(std::uint64_t chip, std::size_t axis, bool up) const;

  TopologyKind kind_ = TopologyKind::mesh2d;
  std::vector<std::uint64_t> dims_;
  std::vector<std::uint64_t> strides_;  // chip id step of +1 along each axis
  std::uint64_t chips_ = 1;
  bool wraps_ = false;
  Graph graph_;
  std::vector<Link> links_;
};

}  // namespace pjsim::topologies
