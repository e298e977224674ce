#include "workloads/op_graph.h"

#include <iterator>

#include <boost/graph/topological_sort.hpp>

namespace pjsim::workloads {

const char* to_string(OpKind k) {
  switch (k) {
    case OpKind::gemm: return "gemm";
    case OpKind::attention: return "attention";
    case OpKind::vector: return "vector";
    case OpKind::embedding: return "embedding";
  }
  return "unknown";
}

const char* to_string(OpCategory c) {
  switch (c) {
    case OpCategory::embedding: return "embedding";
    case OpCategory::norm: return "norm";
    case OpCategory::projection: return "projection";
    case OpCategory::attention: return "attention";
    case OpCategory::mlp: return "mlp";
    case OpCategory::residual: return "residual";
    case OpCategory::lm_head: return "lm_head";
    case OpCategory::router: return "router";
    case OpCategory::draft: return "draft";
    case OpCategory::collective: return "collective";
  }
  return "unknown";
}

const char* to_string(DataClass c) {
  switch (c) {
    case DataClass::weights: return "weights";
    case DataClass::activations: return "activations";
    case DataClass::kv: return "kv";
    case DataClass::embedding: return "embedding";
    case DataClass::scales: return "scales";
    case DataClass::metadata: return "metadata";
  }
  return "unknown";
}

const std::vector<OpCategory>& all_op_categories() {
  static const std::vector<OpCategory> all = {
      OpCategory::embedding, OpCategory::norm,     OpCategory::projection, OpCategory::attention,
      OpCategory::mlp,       OpCategory::residual, OpCategory::lm_head,    OpCategory::router,
      OpCategory::draft,     OpCategory::collective};
  return all;
}

const std::vector<DataClass>& all_data_classes() {
  static const std::vector<DataClass> all = {DataClass::weights, DataClass::activations,
                                             DataClass::kv, DataClass::embedding,
                                             DataClass::scales, DataClass::metadata};
  return all;
}

std::uint64_t Op::macs() const {
  switch (kind) {
    case OpKind::gemm: return m * k * n;
    // Two matmuls per instance: Q K^T (m x k x n) and P V (m x n x k).
    case OpKind::attention: return 2 * k * scores();
    case OpKind::vector:
    case OpKind::embedding: return 0;
  }
  return 0;
}

std::uint64_t Op::operand_elements() const {
  switch (kind) {
    case OpKind::gemm: return k * n;
    // The K and V caches of each instance: n positions of head_dim (= k) elements each.
    case OpKind::attention: return instances * 2 * held_positions() * k;
    case OpKind::embedding: return m * k;
    case OpKind::vector: return 0;
  }
  return 0;
}

std::uint64_t Op::input_elements() const {
  switch (kind) {
    case OpKind::gemm: return m * k;
    case OpKind::attention: return instances * m * k;  // Q only; K and V are the operand
    case OpKind::vector: return m * k;
    case OpKind::embedding: return 0;  // token ids are negligible next to the gathered rows
  }
  return 0;
}

std::uint64_t Op::output_elements() const {
  switch (kind) {
    case OpKind::gemm: return m * n;
    case OpKind::attention: return instances * m * k;
    case OpKind::vector:
    case OpKind::embedding: return m * k;
  }
  return 0;
}

std::uint64_t Op::scores() const {
  if (kind != OpKind::attention) return 0;
  if (query_tokens == 0) return instances * m * n;
  return instances * group() * causal_pairs(mask, 0, query_tokens, 0, n);
}

std::uint64_t Op::held_positions() const {
  return query_tokens && mask.window && n > mask.window ? mask.window : n;
}

DataClass Op::operand_class() const {
  switch (kind) {
    case OpKind::gemm: return DataClass::weights;
    case OpKind::attention: return DataClass::kv;
    case OpKind::embedding: return DataClass::embedding;
    case OpKind::vector: return DataClass::activations;
  }
  return DataClass::activations;
}

std::vector<Op> ops_in_order(const OpGraph& g) {
  std::vector<OpGraph::vertex_descriptor> reversed;
  // topological_sort emits vertices in reverse topological order.
  boost::topological_sort(g, std::back_inserter(reversed));
  std::vector<Op> ops;
  ops.reserve(reversed.size());
  for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) ops.push_back(g[*it]);
  return ops;
}

}  // namespace pjsim::workloads
