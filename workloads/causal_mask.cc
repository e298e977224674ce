#include "workloads/causal_mask.h"

#include <algorithm>

namespace pjsim::workloads {

namespace {

// Sum of clamp(x0 + i, a, b) - a for i in [0, count), with a <= b: values below a add nothing,
// values above b add b - a, the ones between form an arithmetic series.
std::int64_t clamped_sum(std::int64_t x0, std::int64_t count, std::int64_t a, std::int64_t b) {
  if (count <= 0 || b <= a) return 0;
  const std::int64_t below = std::clamp<std::int64_t>(a - x0, 0, count);
  const std::int64_t above = std::clamp<std::int64_t>(x0 + count - 1 - b, 0, count - below);
  const std::int64_t middle = count - below - above;
  const std::int64_t first = x0 + below - a;  // value - a of the first middle element
  return above * (b - a) + middle * first + middle * (middle - 1) / 2;
}

}  // namespace

std::uint64_t causal_pairs(const CausalMask& mask, std::uint64_t t0, std::uint64_t t1, std::uint64_t c0,
                           std::uint64_t c1) {
  if (t1 <= t0 || c1 <= c0) return 0;
  const auto count = static_cast<std::int64_t>(t1 - t0);
  const auto a = static_cast<std::int64_t>(c0), b = static_cast<std::int64_t>(c1);
  const auto pos0 = static_cast<std::int64_t>(mask.offset + t0);
  // Token i keeps [lo(i), hi(i) + 1) intersected with [c0, c1): clamp(hi + 1) - clamp(lo).
  const std::int64_t upper = clamped_sum(pos0 + 1, count, a, b);
  const std::int64_t lower =
      mask.window ? clamped_sum(pos0 - static_cast<std::int64_t>(mask.window) + 1, count, a, b) : 0;
  return static_cast<std::uint64_t>(upper - lower);
}

ColumnRange causal_columns(const CausalMask& mask, std::uint64_t t0, std::uint64_t t1, std::uint64_t c0,
                           std::uint64_t c1) {
  if (t1 <= t0 || c1 <= c0) return {};
  const std::uint64_t first_pos = mask.offset + t0, last_pos = mask.offset + t1 - 1;
  const std::uint64_t lo = mask.window && first_pos + 1 > mask.window ? first_pos + 1 - mask.window : 0;
  return {std::max(c0, lo), std::min(c1, last_pos + 1)};
}

std::uint64_t prefill_pairs(std::uint64_t s, std::uint64_t window) {
  if (window == 0 || s <= window) return s * (s + 1) / 2;
  return window * (window + 1) / 2 + (s - window) * window;
}

}  // namespace pjsim::workloads
