#include "workloads/transformer.h"

#include <algorithm>
#include <string>
#include <vector>

#include "workloads/moe_layer.h"
#include "workloads/path_builder.h"
#include "workloads/vector_costs.h"

namespace pjsim::workloads {
namespace {

// One attention op of a layer: `sequences` sequences of `per_seq` new tokens each attending
// `attended` positions (before a sliding window), causal or not.
struct AttentionShape {
  std::string name;  ///< after "layerN.": "attention", or "chunkI.attention" in a mixed step
  std::uint64_t sequences = 0, per_seq = 1, attended = 0;
  bool causal = false;
};

Op attention_op(PathBuilder& b, const WorkloadSpec& w, const ModelShape& s, int layer, const std::string& name,
                const AttentionShape& a) {
  // One instance per (sequence, KV head): the g query heads sharing a KV head are stacked as
  // rows, so each K and V row is read once for the whole group (the point of GQA).
  Op attn = b.base(name, OpKind::attention, OpCategory::attention, layer);
  attn.instances = a.sequences * s.num_key_value_heads;
  attn.m = (s.num_attention_heads / s.num_key_value_heads) * a.per_seq;
  attn.k = s.head_dim;
  if (a.causal) {
    // Every position of the pass that some new token attends; the new tokens are the last ones.
    const std::uint64_t w_len = s.sliding_window;
    attn.n = w_len ? std::min(a.attended, w_len + a.per_seq - 1) : a.attended;
    attn.query_tokens = a.per_seq;
    attn.mask = {attn.n - a.per_seq, w_len};
  } else {
    attn.n = kv_positions(s, a.attended);
  }
  attn.vector_ops = attn.scores() * kSoftmaxOps;
  attn.kv_append_elements = a.sequences * a.per_seq * 2 * s.kv_width();
  attn.operand_precision = w.precision.kv;
  return attn;
}

// A layer over t token rows; its attention is one op per entry of `attention`, in order.
void add_layer(PathBuilder& b, const WorkloadSpec& w, const ModelShape& s, std::uint64_t t, std::uint64_t routing_step,
               const std::vector<AttentionShape>& attention, int layer) {
  const std::uint64_t d = s.hidden_size;
  const std::uint64_t q = s.q_width();
  const std::uint64_t kv = s.kv_width();
  const std::uint64_t f = s.intermediate_size;
  const std::string p = "layer" + std::to_string(layer) + ".";

  b.vector(p + "attn_norm", OpCategory::norm, layer, t, d, kNormOps);
  b.gemm(p + "qkv", OpCategory::projection, layer, t, d, q + 2 * kv);
  b.vector(p + "rope", OpCategory::attention, layer, t, q + kv, kRopeOps);
  for (const AttentionShape& a : attention) b.add(attention_op(b, w, s, layer, p + a.name, a));
  b.gemm(p + "o_proj", OpCategory::projection, layer, t, q, d);
  b.vector(p + "attn_residual", OpCategory::residual, layer, t, d, kResidualOps);
  b.vector(p + "mlp_norm", OpCategory::norm, layer, t, d, kNormOps);
  if (s.is_moe()) {
    add_moe_mlp(b, w, s, layer, t, routing_step);
  } else {
    b.gemm(p + "gate_up", OpCategory::mlp, layer, t, d, s.gated_mlp ? 2 * f : f);
    b.vector(p + "act", OpCategory::mlp, layer, t, f, s.gated_mlp ? kGatedActOps : kActOps);
    b.gemm(p + "down", OpCategory::mlp, layer, t, f, d);
  }
  b.vector(p + "mlp_residual", OpCategory::residual, layer, t, d, kResidualOps);
}

// Embedding over t rows, the layers, then the final norm and LM head over `rows` positions
// (none when no position of the step needs logits).
OpGraph build_graph(const WorkloadSpec& w, const ModelShape& s, bool draft, std::uint64_t t, std::uint64_t rows,
                    std::uint64_t routing_step, const std::vector<AttentionShape>& attention) {
  PathBuilder b(w, draft);
  Op embedding = b.base("embedding", OpKind::embedding, OpCategory::embedding, -1);
  embedding.m = t;
  embedding.k = s.hidden_size;
  embedding.operand_precision = w.precision.weights;
  b.add(std::move(embedding));

  for (std::uint64_t i = 0; i < s.num_hidden_layers; ++i)
    add_layer(b, w, s, t, routing_step, attention, static_cast<int>(i));

  if (rows > 0) {
    b.vector("final_norm", OpCategory::norm, -1, rows, s.hidden_size, kNormOps);
    b.gemm("lm_head", OpCategory::lm_head, -1, rows, s.hidden_size, s.vocab_size);
  }
  return b.take();
}

std::uint64_t attention_macs_per_pair(const ModelShape& s) {
  return s.num_hidden_layers * 2 * s.num_attention_heads * s.head_dim;
}

}  // namespace

OpGraph build_pass_graph(const WorkloadSpec& w, const ModelShape& s, const PassShape& pass) {
  AttentionShape a{"attention", w.batch, pass.tokens_per_sequence, pass.attended, pass.causal};
  // Only positions whose logits choose a token need the head (prefill: the last of each sequence).
  return build_graph(w, s, pass.draft, w.batch * pass.tokens_per_sequence, w.batch * pass.logits_per_sequence,
                     pass.routing_step, {a});
}

OpGraph build_mixed_graph(const WorkloadSpec& w) {
  std::vector<AttentionShape> attention;
  if (w.batch > 0) attention.push_back({"attention", w.batch, 1, w.context_tokens, false});
  // Chunks of equal tokens and prior share one op, as one batched (varlen) attention kernel
  // runs them: sequences = how many (named after the first of them).
  const std::size_t decode_ops = attention.size();
  for (std::size_t i = 0; i < w.chunks.size(); ++i) {
    const PrefillChunk& c = w.chunks[i];
    auto same = std::find_if(attention.begin() + static_cast<std::ptrdiff_t>(decode_ops), attention.end(),
                             [&](const AttentionShape& a) { return a.per_seq == c.tokens && a.attended == c.prior + c.tokens; });
    if (same != attention.end()) ++same->sequences;
    else attention.push_back({"chunk" + std::to_string(i) + ".attention", 1, c.tokens, c.prior + c.tokens, true});
  }
  return build_graph(w, w.model, false, step_tokens(w), step_logits(w), 0, attention);
}

OpGraph build_step_graph(const WorkloadSpec& w, std::uint64_t step) {
  if (w.phase == Phase::mixed) return build_mixed_graph(w);
  PassShape pass;
  pass.tokens_per_sequence = tokens_per_sequence(w);
  pass.attended = attended_tokens(w, step);
  pass.routing_step = step;
  pass.causal = w.phase == Phase::prefill;
  return build_pass_graph(w, w.model, pass);
}

std::uint64_t weight_macs_per_token(const ModelShape& m) { return m.weight_params(); }

std::uint64_t chunk_pairs(const ModelShape& s, const PrefillChunk& c) {
  // The causal op's columns are the last n positions (causal_mask.h): n = prior + tokens, or
  // with a window those the chunk's tokens can reach.
  const std::uint64_t window = s.sliding_window, attended = c.prior + c.tokens;
  const std::uint64_t n = window ? std::min(attended, window + c.tokens - 1) : attended;
  return causal_pairs({n - c.tokens, window}, 0, c.tokens, 0, n);
}

std::uint64_t attention_macs(const WorkloadSpec& w, std::uint64_t step) {
  const ModelShape& s = w.model;
  if (w.phase == Phase::mixed) {
    std::uint64_t pairs = w.batch * kv_positions(s, w.context_tokens);
    for (const PrefillChunk& c : w.chunks) pairs += chunk_pairs(s, c);
    return attention_macs_per_pair(s) * pairs;
  }
  if (w.phase == Phase::prefill)
    return attention_macs_per_pair(s) * w.batch * prefill_pairs(w.prompt_tokens, s.sliding_window);
  return attention_macs_per_pair(s) * w.batch * tokens_per_sequence(w) * kv_positions(s, attended_tokens(w, step));
}

}  // namespace pjsim::workloads
