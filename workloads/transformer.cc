#include "workloads/transformer.h"

#include <string>

#include "workloads/vector_costs.h"

namespace pjsim::workloads {
namespace {

// Appends ops to the graph, each one chained after the previous (a step is a single path).
class PathBuilder {
 public:
  explicit PathBuilder(const PrecisionSpec& p) : precision_(p) {}

  void gemm(std::string name, OpCategory category, int layer, std::uint64_t m, std::uint64_t k,
            std::uint64_t n) {
    Op op = base(std::move(name), OpKind::gemm, category, layer);
    op.m = m;
    op.k = k;
    op.n = n;
    op.operand_precision = precision_.weights;
    add(std::move(op));
  }

  void vector(std::string name, OpCategory category, int layer, std::uint64_t m, std::uint64_t k,
              std::uint64_t ops_per_element) {
    Op op = base(std::move(name), OpKind::vector, category, layer);
    op.m = m;
    op.k = k;
    op.vector_ops = m * k * ops_per_element;
    // A vector op has no B operand; its operand precision is its activation precision.
    op.operand_precision = precision_.activations;
    add(std::move(op));
  }

  void add(Op op) {
    const auto v = boost::add_vertex(std::move(op), graph_);
    if (has_last_) boost::add_edge(last_, v, graph_);
    last_ = v;
    has_last_ = true;
  }

  Op base(std::string name, OpKind kind, OpCategory category, int layer) const {
    Op op;
    op.name = std::move(name);
    op.kind = kind;
    op.category = category;
    op.layer = layer;
    op.activation_precision = precision_.activations;
    return op;
  }

  OpGraph take() { return std::move(graph_); }

 private:
  const PrecisionSpec& precision_;
  OpGraph graph_;
  OpGraph::vertex_descriptor last_{};
  bool has_last_ = false;
};

void add_layer(PathBuilder& b, const WorkloadSpec& w, int layer, std::uint64_t attended) {
  const ModelShape& s = w.model;
  const std::uint64_t per_seq = tokens_per_sequence(w);
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
  attn.n = attended;
  attn.vector_ops = attn.instances * attn.m * attn.n * kSoftmaxOps;
  attn.kv_append_elements = t * 2 * kv;
  attn.operand_precision = w.precision.kv;
  b.add(std::move(attn));

  b.gemm(p + "o_proj", OpCategory::projection, layer, t, q, d);
  b.vector(p + "attn_residual", OpCategory::residual, layer, t, d, kResidualOps);
  b.vector(p + "mlp_norm", OpCategory::norm, layer, t, d, kNormOps);
  b.gemm(p + "gate_up", OpCategory::mlp, layer, t, d, s.gated_mlp ? 2 * f : f);
  b.vector(p + "act", OpCategory::mlp, layer, t, f, s.gated_mlp ? kGatedActOps : kActOps);
  b.gemm(p + "down", OpCategory::mlp, layer, t, f, d);
  b.vector(p + "mlp_residual", OpCategory::residual, layer, t, d, kResidualOps);
}

}  // namespace

OpGraph build_step_graph(const WorkloadSpec& w, std::uint64_t step) {
  const ModelShape& s = w.model;
  const std::uint64_t t = w.batch * tokens_per_sequence(w);
  PathBuilder b(w.precision);

  Op embedding = b.base("embedding", OpKind::embedding, OpCategory::embedding, -1);
  embedding.m = t;
  embedding.k = s.hidden_size;
  embedding.operand_precision = w.precision.weights;
  b.add(std::move(embedding));

  const std::uint64_t attended = attended_tokens(w, step);
  for (std::uint64_t i = 0; i < s.num_hidden_layers; ++i) {
    add_layer(b, w, static_cast<int>(i), attended);
  }

  // Only the last position of each sequence needs logits (prefill); in decode T = batch anyway.
  b.vector("final_norm", OpCategory::norm, -1, w.batch, s.hidden_size, kNormOps);
  b.gemm("lm_head", OpCategory::lm_head, -1, w.batch, s.hidden_size, s.vocab_size);
  return b.take();
}

std::uint64_t weight_macs_per_token(const ModelShape& m) { return m.weight_params(); }

std::uint64_t attention_macs(const WorkloadSpec& w, std::uint64_t step) {
  const ModelShape& s = w.model;
  return s.num_hidden_layers * w.batch * tokens_per_sequence(w) * 2 * s.num_attention_heads *
         s.head_dim * attended_tokens(w, step);
}

}  // namespace pjsim::workloads
