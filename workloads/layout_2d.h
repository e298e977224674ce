// The 2D weight-stationary layout (mapping.hidden + mapping.tensor; Pope et al., "Efficiently
// Scaling Transformer Inference", 2022, section 3.2.2). Every projection and MLP weight is split
// along both of its dimensions: d_model over the X chips of the hidden axes, heads and d_ff over the
// Y chips of the tensor axes (T = X x Y). The residual stream stays sharded (batch x d / T per
// chip); around each matmul the activations move by an all-gather over one group and a
// reduce-scatter over the other (B tokens, e bytes per element, q = heads x head_dim):
//
//   norm (B x d/T) -> all-gather over Y (B x d/X) -> qkv [d/X x (q+2kv)/Y] -> reduce-scatter over X
//   -> rope, attention (heads / T) -> all-gather over X (B x q/Y) -> o_proj [q/Y x d/X]
//   -> reduce-scatter over Y (B x d/T) -> residual, norm -> all-gather over Y -> gate_up [d/X x 2f/Y]
//   -> reduce-scatter over X -> act (B x f/T) -> all-gather over X (B x f/Y) -> down [f/Y x d/X]
//   -> reduce-scatter over Y -> residual
//
// Bytes sent per chip and layer (rings, gated MLP; n_qkv = (heads + 2 kv heads) / Y x head_dim):
//   e B [ 4 (Y-1)/Y d/X + (X-1)/X (n_qkv + q/Y + 2f/Y + f/Y) ]
// against 4 (T-1)/T e B d for the 1D layout over T chips: the 1D volume does not shrink as chips are
// added, the 2D one falls about as 1/sqrt(T) (X ~ sqrt(T d / f)).
// The LM head gathers the final norm's rows over all T chips first; the embedding is gathered as
// in 1D. Simplifications: the norms' mean and variance need a small all-reduce of two numbers per
// row over the sharded d, left out; attention splits its heads over all T chips (KV heads
// replicated when T exceeds them), as 1D tensor parallelism over T does.
#pragma once

#include "workloads/mapping.h"

namespace pjsim::workloads {

/// This chip's part of `op` in the 2D layout (r.hidden_size = X, r.tensor_size = Y).
Op shard_2d(const Op& op, const ModelShape& s, const ChipRole& r);

/// The role as 1D tensor parallelism over all T = X x Y chips (attention, LM head, embedding).
ChipRole flattened_role(const ChipRole& r);

}  // namespace pjsim::workloads
