// Vector-unit element operations per activation element, by op. All are estimates (no published
// per-op count fits every vector unit); they are kept in one place so a study can see and
// change them together.
//
// Example: a decode step's attn_norm over T = 16 tokens of width 4096 costs
// 16 x 4096 x kNormOps = 262,144 vector ops.
#pragma once

#include <cstdint>

namespace pjsim::workloads {

/// RMSNorm: square, accumulate, scale by 1/rms, multiply by the gain. Estimate.
inline constexpr std::uint64_t kNormOps = 4;
/// Online softmax per score: running max, subtract, exp, sum, divide. Estimate.
inline constexpr std::uint64_t kSoftmaxOps = 5;
/// Rotary embedding per element: two multiplies by cos/sin and one add (rotate-half). Estimate.
inline constexpr std::uint64_t kRopeOps = 3;
/// SwiGLU per intermediate element: sigmoid (~3 ops: negate-exp, add, divide) + 2 multiplies
/// (x * sigmoid(x), then by the up projection). Estimate.
inline constexpr std::uint64_t kGatedActOps = 5;
/// Non-gated activation (GELU tanh approximation, polynomial + tanh) per element. Estimate.
inline constexpr std::uint64_t kActOps = 4;
/// Residual add: one add per element (exact, not an estimate).
inline constexpr std::uint64_t kResidualOps = 1;
/// Dequantising a stored weight to the MAC format: one convert and one multiply by its group
/// scale. Estimate (a lookup-table dequantiser would cost about the same: a read and a multiply).
inline constexpr std::uint64_t kDequantOps = 2;
/// Integer weights with group scales whose MACs stay integer: the partial sum of each group is
/// rescaled by one multiply-add per output element per group. Estimate.
inline constexpr std::uint64_t kGroupRescaleOps = 1;
/// MoE combine per token and hidden element: multiply each of the k expert outputs by its gate
/// weight and add (exactly 2 ops per selected expert).
inline constexpr std::uint64_t kCombineOpsPerExpert = 2;
/// Router top-k per token and expert, on top of the softmax: one compare-select per expert per
/// selected slot would be k; a partial sort over E experts costs about log2(k) + 1. Estimate: 2.
inline constexpr std::uint64_t kTopKOps = 2;

}  // namespace pjsim::workloads
