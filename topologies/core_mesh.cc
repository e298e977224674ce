#include "topologies/core_mesh.h"

#include <stdexcept>
#include <string>

namespace pjsim::topologies {
namespace {

std::uint64_t largest_divisor_up_to_sqrt(std::uint64_t n) {
  std::uint64_t best = 1;
  for (std::uint64_t r = 1; r * r <= n; ++r) {
    if (n % r == 0) best = r;
  }
  return best;
}

std::uint64_t distance(std::uint64_t x, std::uint64_t y) { return x > y ? x - y : y - x; }

// Sum of |i - j| over the k^2 ordered pairs of a k-node line: k (k^2 - 1) / 3.
std::uint64_t line_pair_distance_sum(std::uint64_t k) { return k * (k * k - 1) / 3; }

}  // namespace

CoreMesh::CoreMesh(std::uint64_t cores) : graph_(cores) {
  if (cores == 0) throw std::invalid_argument("core mesh needs at least one core");
  rows_ = largest_divisor_up_to_sqrt(cores);
  cols_ = cores / rows_;

  // Neighbours of each core in increasing id order: north, west, east, south.
  for (std::uint64_t c = 0; c < cores; ++c) {
    const std::uint64_t r = row_of(c), x = col_of(c);
    std::vector<std::uint64_t> next;
    if (r > 0) next.push_back(c - cols_);
    if (x > 0) next.push_back(c - 1);
    if (x + 1 < cols_) next.push_back(c + 1);
    if (r + 1 < rows_) next.push_back(c + cols_);
    for (std::uint64_t n : next) {
      boost::add_edge(c, n, LinkProperty{links_.size()}, graph_);
      links_.emplace_back(c, n);
    }
  }
}

void CoreMesh::check(std::uint64_t core) const {
  if (core >= cores()) {
    throw std::out_of_range("core " + std::to_string(core) + " not in a mesh of " +
                            std::to_string(cores()) + " cores");
  }
}

std::uint64_t CoreMesh::hops(std::uint64_t a, std::uint64_t b) const {
  check(a);
  check(b);
  return distance(col_of(a), col_of(b)) + distance(row_of(a), row_of(b));
}

std::vector<CoreMesh::Link> CoreMesh::route(std::uint64_t a, std::uint64_t b) const {
  check(a);
  check(b);
  std::vector<Link> path;
  path.reserve(hops(a, b));
  std::uint64_t at = a;
  auto step = [&](std::uint64_t next) {
    path.emplace_back(at, next);
    at = next;
  };
  while (col_of(at) < col_of(b)) step(at + 1);
  while (col_of(at) > col_of(b)) step(at - 1);
  while (row_of(at) < row_of(b)) step(at + cols_);
  while (row_of(at) > row_of(b)) step(at - cols_);
  return path;
}

std::size_t CoreMesh::link_index(std::uint64_t from, std::uint64_t to) const {
  check(from);
  check(to);
  const auto [edge, found] = boost::edge(from, to, graph_);
  if (!found) {
    throw std::out_of_range("cores " + std::to_string(from) + " and " + std::to_string(to) +
                            " are not neighbours");
  }
  return graph_[edge].index;
}

std::uint64_t CoreMesh::all_gather_bit_hops(std::uint64_t bits_per_core) const {
  // Pairs a == b add zero hops, so summing over all ordered pairs equals summing over a != b.
  // The X distance of a pair depends on its columns only, repeated for rows^2 row choices.
  const std::uint64_t pair_hops =
      rows_ * rows_ * line_pair_distance_sum(cols_) + cols_ * cols_ * line_pair_distance_sum(rows_);
  return bits_per_core * pair_hops;
}

}  // namespace pjsim::topologies
