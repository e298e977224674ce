// The causal mask of prefill attention, counted in closed form.
//
// An attention op with query_tokens t > 0 is causal (op_graph.h): its n columns are KV positions
// 0..n-1, its t new tokens sit at positions offset..offset+t-1, and token i attends the positions
// j with  max(0, offset + i - window + 1) <= j <= offset + i  (window 0: no lower bound).
// Rows are token-major: row r of an instance belongs to token r / group (group = m / t, the query
// heads that share a KV head).
//
// Example: a 4-token prompt (offset 0, no window) attends 1 + 2 + 3 + 4 = 10 (token, position)
// pairs = s (s + 1) / 2; with window 2 it attends 1 + 2 + 2 + 2 = 7.
#pragma once

#include <cstdint>

namespace pjsim::workloads {

struct CausalMask {
  std::uint64_t offset = 0;  ///< KV position of the first new token
  std::uint64_t window = 0;  ///< sliding window (0 = none)
};

/// (token, position) pairs with token in [t0, t1) and position in [c0, c1) that the mask keeps.
std::uint64_t causal_pairs(const CausalMask& mask, std::uint64_t t0, std::uint64_t t1, std::uint64_t c0,
                           std::uint64_t c1);

/// The KV positions [first, last + 1) that tokens [t0, t1) attend within columns [c0, c1), as
/// {first, end}; first >= end when none.
struct ColumnRange {
  std::uint64_t first = 0, end = 0;
  bool empty() const { return first >= end; }
};
ColumnRange causal_columns(const CausalMask& mask, std::uint64_t t0, std::uint64_t t1, std::uint64_t c0,
                           std::uint64_t c1);

/// Pairs a whole prefill of s tokens attends with a window w (0 = none): s (s + 1) / 2 without
/// a window, w (w + 1) / 2 + (s - w) w when s > w.
std::uint64_t prefill_pairs(std::uint64_t s, std::uint64_t window);

}  // namespace pjsim::workloads
