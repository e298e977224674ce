#include "topologies/chip_mesh.h"

#include <algorithm>
#include <stdexcept>

namespace pjsim::topologies {
namespace {

std::uint64_t distance(std::uint64_t x, std::uint64_t y) { return x > y ? x - y : y - x; }

// Sum over the k^2 ordered pairs (i, j) of the per-axis hop distance.
// Line: sum |i - j| = k (k^2 - 1) / 3. Ring: each node sees distances summing to floor(k^2 / 4)
// (1 + 1 + 2 + 2 + ... up to k/2), so k x floor(k^2 / 4).
double axis_pair_distance_sum(std::uint64_t k, bool ring) {
  const double kd = static_cast<double>(k);
  if (ring) return kd * static_cast<double>((k * k) / 4);
  return kd * (kd * kd - 1.0) / 3.0;
}

}  // namespace

ChipMesh::ChipMesh(const TopologySpec& spec) : kind_(spec.kind), dims_(spec.dims) {
  if (dims_.size() != axes_of(spec.kind)) {
    throw std::invalid_argument(to_string(spec.kind) + " needs " + std::to_string(axes_of(spec.kind)) +
                                " dims, got " + std::to_string(dims_.size()));
  }
  wraps_ = kind_wraps(spec.kind);
  chips_ = 1;
  for (std::uint64_t d : dims_) {
    if (d == 0) throw std::invalid_argument("chip mesh dims must be >= 1");
    // Checking each factor first keeps the running product far from overflow.
    if (d > max_chips || chips_ * d > max_chips) {
      throw std::invalid_argument("chip mesh has more than " + std::to_string(max_chips) +
                                  " chips");
    }
    strides_.push_back(chips_);
    chips_ *= d;
  }

  graph_ = Graph(chips_);
  std::vector<std::uint64_t> next;
  for (std::uint64_t c = 0; c < chips_; ++c) {
    next.clear();
    const std::vector<std::uint64_t> at = coords(c);
    for (std::size_t a = 0; a < axes(); ++a) {
      if (dims_[a] == 1) continue;
      if (at[a] + 1 < dims_[a] || wraps_) next.push_back(step(c, a, true));
      if (at[a] > 0 || wraps_) next.push_back(step(c, a, false));
    }
    // Sorting gives the stable (source, target) order; unique drops the k = 2 torus duplicate.
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    for (std::uint64_t n : next) {
      boost::add_edge(c, n, LinkProperty{links_.size()}, graph_);
      links_.emplace_back(c, n);
    }
  }
}

std::uint64_t ChipMesh::dim(std::size_t axis) const {
  if (axis >= axes()) throw std::out_of_range("axis " + std::to_string(axis) + " not in mesh");
  return dims_[axis];
}

void ChipMesh::check(std::uint64_t chip) const {
  if (chip >= chips_) {
    throw std::out_of_range("chip " + std::to_string(chip) + " not in a mesh of " +
                            std::to_string(chips_) + " chips");
  }
}

void ChipMesh::check_axes(const std::vector<std::size_t>& group_axes) const {
  std::vector<bool> seen(axes(), false);
  for (std::size_t a : group_axes) {
    if (a >= axes()) {
      throw std::invalid_argument("axis " + std::to_string(a) + " not in a " +
                                  std::to_string(axes()) + "-axis mesh");
    }
    if (seen[a]) throw std::invalid_argument("axis " + std::to_string(a) + " repeated");
    seen[a] = true;
  }
}

std::uint64_t ChipMesh::step(std::uint64_t chip, std::size_t axis, bool up) const {
  const std::uint64_t k = dims_[axis], s = strides_[axis];
  const std::uint64_t x = (chip / s) % k;
  const std::uint64_t to = up ? (x + 1) % k : (x + k - 1) % k;
  return chip - x * s + to * s;
}

std::vector<std::uint64_t> ChipMesh::coords(std::uint64_t chip) const {
  check(chip);
  std::vector<std::uint64_t> out(axes());
  for (std::size_t a = 0; a < axes(); ++a) out[a] = (chip / strides_[a]) % dims_[a];
  return out;
}

std::uint64_t ChipMesh::chip_at(const std::vector<std::uint64_t>& at) const {
  if (at.size() != axes()) {
    throw std::invalid_argument("expected " + std::to_string(axes()) + " coordinates, got " +
                                std::to_string(at.size()));
  }
  std::uint64_t chip = 0;
  for (std::size_t a = 0; a < axes(); ++a) {
    if (at[a] >= dims_[a]) {
      throw std::out_of_range("coordinate " + std::to_string(at[a]) + " on axis " +
                              std::to_string(a) + " of size " + std::to_string(dims_[a]));
    }
    chip += at[a] * strides_[a];
  }
  return chip;
}

std::uint64_t ChipMesh::hops(std::uint64_t a, std::uint64_t b) const {
  const auto ca = coords(a), cb = coords(b);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < axes(); ++i) {
    const std::uint64_t d = distance(ca[i], cb[i]);
    total += wraps_ ? std::min(d, dims_[i] - d) : d;
  }
  return total;
}

std::vector<ChipMesh::Link> ChipMesh::route(std::uint64_t a, std::uint64_t b) const {
  const auto ca = coords(a), cb = coords(b);
  std::vector<Link> path;
  path.reserve(hops(a, b));
  std::uint64_t at = a;
  for (std::size_t i = 0; i < axes(); ++i) {
    const std::uint64_t k = dims_[i];
    // Hops needed going up (+1, wrapping on a torus) and going down.
    const std::uint64_t up = (cb[i] + k - ca[i]) % k, down = (ca[i] + k - cb[i]) % k;
    bool go_up = cb[i] > ca[i];
    std::uint64_t n = distance(ca[i], cb[i]);
    if (wraps_) {
      go_up = up <= down;  // tie: the positive direction
      n = std::min(up, down);
    }
    for (std::uint64_t h = 0; h < n; ++h) {
      const std::uint64_t next = step(at, i, go_up);
      path.emplace_back(at, next);
      at = next;
    }
  }
  return path;
}

std::size_t ChipMesh::link_index(std::uint64_t from, std::uint64_t to) const {
  check(from);
  check(to);
  const auto [edge, found] = boost::edge(from, to, graph_);
  if (!found) {
    throw std::out_of_range("chips " + std::to_string(from) + " and " + std::to_string(to) +
                            " are not neighbours");
  }
  return graph_[edge].index;
}

double ChipMesh::average_hops() const {
  if (chips_ < 2) return 0.0;
  // Pairs with i == j add 0 hops, so the sum over all N^2 ordered pairs is the sum over distinct
  // ones. An axis distance depends on that axis only and repeats for the (N/k)^2 choices of the
  // other coordinates of both chips.
  const double n = static_cast<double>(chips_);
  double sum = 0.0;
  for (std::uint64_t k : dims_) {
    const double others = n / static_cast<double>(k);
    sum += others * others * axis_pair_distance_sum(k, wraps_);
  }
  return sum / (n * (n - 1.0));
}

std::vector<std::uint64_t> ChipMesh::group(std::uint64_t chip,
                                           const std::vector<std::size_t>& group_axes) const {
  check(chip);
  check_axes(group_axes);
  // The group's base chip has coordinate 0 on every group axis.
  std::uint64_t base = chip, size = 1;
  for (std::size_t a : group_axes) {
    base -= ((chip / strides_[a]) % dims_[a]) * strides_[a];
    size *= dims_[a];
  }
  std::vector<std::uint64_t> out;
  out.reserve(size);
  for (std::uint64_t r = 0; r < size; ++r) {
    std::uint64_t c = base, rest = r;
    for (std::size_t a : group_axes) {  // mixed radix, first axis fastest
      c += (rest % dims_[a]) * strides_[a];
      rest /= dims_[a];
    }
    out.push_back(c);
  }
  return out;
}

std::vector<std::vector<std::uint64_t>> ChipMesh::groups(
    const std::vector<std::size_t>& group_axes) const {
  check_axes(group_axes);
  std::vector<std::vector<std::uint64_t>> out;
  std::vector<bool> placed(chips_, false);
  // Scanning chips in id order meets each group first at its smallest chip, which is its first.
  for (std::uint64_t c = 0; c < chips_; ++c) {
    if (placed[c]) continue;
    out.push_back(group(c, group_axes));
    for (std::uint64_t m : out.back()) placed[m] = true;
  }
  return out;
}

}  // namespace pjsim::topologies
