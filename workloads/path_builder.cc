#include "workloads/path_builder.h"

namespace pjsim::workloads {

Op& PathBuilder::gemm(std::string name, OpCategory category, int layer, std::uint64_t m, std::uint64_t k,
                      std::uint64_t n, bool sparse) {
  Op op = base(std::move(name), OpKind::gemm, category, layer);
  op.m = m;
  op.k = k;
  op.n = n;
  op.operand_precision = w_.precision.weights;
  op.scale_group = w_.precision.group_size;
  op.scale_precision = w_.precision.scale;
  op.dequantise = mac_precision(w_.precision.weights, w_.precision.activations) != w_.precision.weights;
  if (sparse) {
    op.sparsity_n = w_.sparsity.weights_n;
    op.sparsity_m = w_.sparsity.weights_m;
  }
  op.activation_density = 1.0 - w_.sparsity.activation_zeros;
  add(std::move(op));
  return graph_[last_];
}

Op& PathBuilder::vector(std::string name, OpCategory category, int layer, std::uint64_t m, std::uint64_t k,
                        std::uint64_t ops_per_element) {
  Op op = base(std::move(name), OpKind::vector, category, layer);
  op.m = m;
  op.k = k;
  op.vector_ops = m * k * ops_per_element;
  // A vector op has no B operand; its operand precision is its activation precision.
  op.operand_precision = w_.precision.activations;
  add(std::move(op));
  return graph_[last_];
}

Op PathBuilder::base(std::string name, OpKind kind, OpCategory category, int layer) const {
  Op op;
  op.name = draft_ ? "draft." + name : std::move(name);
  op.kind = kind;
  op.category = draft_ ? OpCategory::draft : category;
  op.layer = layer;
  op.activation_precision = w_.precision.activations;
  return op;
}

void PathBuilder::add(Op op) {
  const auto v = boost::add_vertex(std::move(op), graph_);
  if (has_last_) boost::add_edge(last_, v, graph_);
  last_ = v;
  has_last_ = true;
}

}  // namespace pjsim::workloads
