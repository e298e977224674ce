#include "workloads/transformer.h"

#include <algorithm>
#include <string>

#include "workloads/moe_layer.h"
#include "workloads/path_builder.h"
#include "workloads/vector_costs.h"

namespace pjsim::workloads {
namespace {

void add_layer(PathBuilder& b, const WorkloadSpec& w, const ModelShape& s, const PassShape& pass, int layer) {
  const std::uint64_t per_seq = pass.tokens_per_sequence;
  const std::uint64_t t = w.batch * per_seq;
  const std::uint64_t d = s.hidden_size;
  const std::uint64_t q = s.q_width();
  const std::uint64_t kv = s.kv_width();
  const std::uint64_t f = s.intermediate_size;
  const std::string p = "layer" + std::to_string(layer) + ".";

  b.vector(p + "attn_norm", OpCategory::norm, layer, t, d, kNormOps);
  b.gemm(p + "qkv", OpCategory::projection, layer, t, d, q + 2 * kv);
  b.vector(p + "rope", OpCategory::attention, layer, t, q + kv, kRopeOps);

  // One instance per (sequence, KV head): the g query heads sharing a KV head are stacked as
  // rows, so each K and V row is read once for the whole group (the point of GQA).
  Op attn = b.base(p + "attention", OpKind::attention, OpCategory::attention, layer);
  attn.instances = w.batch * s.num_key_value_heads;
  attn.m = (s.num_attention_heads / s.num_key_value_heads) * per_seq;
  attn.k = s.head_dim;
  if (pass.causal) {
    // Every position of the pass that some new token attends; the new tokens are the last ones.
    const std::uint64_t w_len = s.sliding_window;
    attn.n = w_len ? std::min(pass.attended, w_len + per_seq - 1) : pass.attended;
    attn.query_tokens = per_seq;
    attn.mask = {attn.n - per_seq, w_len};
  } else {
    attn.n = kv_positions(s, pass.attended);
  }
  attn.vector_ops = attn.scores() * kSoftmaxOps;
  attn.kv_append_elements = t * 2 * kv;
  attn.operand_precision = w.precision.kv;
  b.add(std::move(attn));

  b.gemm(p + "o_proj", OpCategory::projection, layer, t, q, d);
  b.vector(p + "attn_residual", OpCategory::residual, layer, t, d, kResidualOps);
  b.vector(p + "mlp_norm", OpCategory::norm, layer, t, d, kNormOps);
  if (s.is_moe()) {
    add_moe_mlp(b, w, s, layer, t, pass.routing_step);
  } else {
    b.gemm(p + "gate_up", OpCategory::mlp, layer, t, d, s.gated_mlp ? 2 * f : f);
    b.vector(p + "act", OpCategory::mlp, layer, t, f, s.gated_mlp ? kGatedActOps : kActOps);
    b.gemm(p + "down", OpCategory::mlp, layer, t, f, d);
  }
  b.vector(p + "mlp_residual", OpCategory::residual, layer, t, d, kResidualOps);
}

}  // namespace

OpGraph build_pass_graph(const WorkloadSpec& w, const ModelShape& s, const PassShape& pass) {
  const std::uint64_t t = w.batch * pass.tokens_per_sequence;
  PathBuilder b(w, pass.draft);

  Op embedding = b.base("embedding", OpKind::embedding, OpCategory::embedding, -1);
  embedding.m = t;
  embedding.k = s.hidden_size;
  embedding.operand_precision = w.precision.weights;
  b.add(std::move(embedding));

  for (std::uint64_t i = 0; i < s.num_hidden_layers; ++i) add_layer(b, w, s, pass, static_cast<int>(i));

  // Only positions whose logits choose a token need the head (prefill: the last of each sequence).
  const std::uint64_t rows = w.batch * pass.logits_per_sequence;
  b.vector("final_norm", OpCategory::norm, -1, rows, s.hidden_size, kNormOps);
  b.gemm("lm_head", OpCategory::lm_head, -1, rows, s.hidden_size, s.vocab_size);
  return b.take();
}

OpGraph build_step_graph(const WorkloadSpec& w, std::uint64_t step) {
  PassShape pass;
  pass.tokens_per_sequence = tokens_per_sequence(w);
  pass.attended = attended_tokens(w, step);
  pass.routing_step = step;
  pass.causal = w.phase == Phase::prefill;
  return build_pass_graph(w, w.model, pass);
}

std::uint64_t weight_macs_per_token(const ModelShape& m) { return m.weight_params(); }

std::uint64_t attention_macs(const WorkloadSpec& w, std::uint64_t step) {
  const ModelShape& s = w.model;
  if (w.phase == Phase::prefill)
    return s.num_hidden_layers * w.batch * 2 * s.num_attention_heads * s.head_dim *
           prefill_pairs(w.prompt_tokens, s.sliding_window);
  return s.num_hidden_layers * w.batch * tokens_per_sequence(w) * 2 * s.num_attention_heads *
         s.head_dim * kv_positions(s, attended_tokens(w, step));
}

}  // namespace pjsim::workloads
