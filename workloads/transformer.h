// Lowers a dense decoder-only transformer step to an operator graph (see op_graph.h).
//
// Example: tiny-llama (2 layers, d 256, 4 heads, 2 KV heads, head_dim 64, f 512, vocab 1024),
// decode, batch 4, context 100, step 0:
//   build_step_graph(w, 0) has 1 + 11 x 2 + 2 = 25 ops on a single path;
//   layer0.qkv     gemm       m 4, k 256, n 256 + 2 x 128 = 512
//   layer0.attention attention instances 4 x 2 = 8, m 2 (group) x 1, k 64, n 100
//   lm_head        gemm       m 4, k 256, n 1024
// and the MACs of all ops sum to batch x (weight_params() + 2 x layers x heads x head_dim x 100)
// = 4 x (weight_params() + 102,400).
//
// Simplifications (deliberate, documented in docs/workloads.md):
//  - prefill attention is causal (causal_mask.h): token i of a prompt attends positions 0..i
//    (the last `sliding_window` of them), s (s + 1) / 2 pairs per head and sequence; a speculative
//    verify pass still attends the whole context with each of its k + 1 tokens (an upper bound
//    of k (k + 1) / 2 pairs per head);
//  - prefill computes the final norm and LM head for the last position of each sequence only,
//    since only that position's logits choose the next token.
#pragma once

#include <cstdint>

#include "workloads/model_shape.h"
#include "workloads/op_graph.h"
#include "workloads/workload_spec.h"

namespace pjsim::workloads {

/// One forward pass of a model over the batch.
struct PassShape {
  std::uint64_t tokens_per_sequence = 1;  ///< new positions per sequence (decode 1, verify k + 1)
  std::uint64_t attended = 0;             ///< KV positions attended (before a sliding window)
  std::uint64_t logits_per_sequence = 1;  ///< positions that need logits (verify: k + 1)
  std::uint64_t routing_step = 0;         ///< step index that seeds MoE routing
  bool draft = false;                     ///< ops of a speculative draft model (category draft)
  bool causal = false;                    ///< attention under the causal mask (prefill)
};

/// The graph of one pass of `model` (w gives batch, precision, sparsity and routing).
/// Dense layers: 11 ops (attn_norm, qkv, rope, attention, o_proj, attn_residual, mlp_norm,
/// gate_up, act, down, mlp_residual). MoE layers replace gate_up, act, down by router, router_topk,
/// the shared expert (if any), gate_up, act, down per touched expert and combine (see moe_layer.h).
/// Attention attends kv_positions(model, attended) positions (the sliding window caps them).
OpGraph build_pass_graph(const WorkloadSpec& w, const ModelShape& model, const PassShape& pass);

/// The graph of the step at index `step` (0-based; decode attends attended_tokens(w, step)).
/// Requires num_key_value_heads > 0 dividing num_attention_heads (checked by the config).
/// Ops: embedding, 11 per layer (attn_norm, qkv, rope, attention, o_proj, attn_residual,
/// mlp_norm, gate_up, act, down, mlp_residual), final_norm, lm_head; edges chain them in order.
/// A mixed step's graph is build_mixed_graph(w) (step must be 0).
OpGraph build_step_graph(const WorkloadSpec& w, std::uint64_t step);

/// The graph of a mixed step (w.phase mixed): every gemm, norm, rope, residual and the embedding
/// over batch + chunk_tokens(w) rows (each weight read once for all of them); per layer one
/// attention op for the decode sequences ("layerN.attention": instances batch x kv_heads, n =
/// kv_positions(context), absent when batch is 0), then one causal op per distinct (tokens, prior)
/// of the chunks, as one batched varlen kernel runs them ("layerN.chunkI.attention", I the first
/// such chunk: instances chunks x kv_heads, m = group x tokens, query_tokens = tokens,
/// n = prior + tokens (a window caps it as in prefill), mask offset n - tokens); final_norm and
/// lm_head over batch + chunk_logits(w) rows (both absent when that is 0).
/// Example: tiny-llama, batch 4, context 100, chunks {{16, 0, true}, {8, 32, false}}: gemms over
/// 28 rows, 3 attention ops per layer, LM head over 5 rows.
OpGraph build_mixed_graph(const WorkloadSpec& w);

/// (token, position) pairs one prefill chunk attends under the causal mask (causal_mask.h with
/// offset prior): tokens x prior + tokens (tokens + 1) / 2 without a window; with a window W each
/// token attends at most W positions.
std::uint64_t chunk_pairs(const ModelShape& m, const PrefillChunk& c);

/// Weight MACs per token: each matmul weight (all layers + LM head) is used once per token.
/// Example: Llama-3-8B gives 7,504,658,432 (6,979,321,856 layer weights + 525,336,576 LM head).
std::uint64_t weight_macs_per_token(const ModelShape& m);

/// Attention MACs (Q K^T and P V) of the step at index `step`, whole batch. Decode:
/// layers x batch x 2 x heads x head_dim x attended tokens (capped by the sliding window).
/// Prefill (causal): layers x batch x 2 x heads x head_dim x prefill_pairs(prompt, window), i.e.
/// L H hd s (s + 1) per sequence without a window.
/// Mixed: layers x 2 x heads x head_dim x (batch x kv_positions(context) + sum of chunk_pairs).
/// Example: Llama-3-8B decode, batch 1, context 2048: 32 x 2 x 32 x 128 x 2048 = 536,870,912.
std::uint64_t attention_macs(const WorkloadSpec& w, std::uint64_t step);

}  // namespace pjsim::workloads
