// Appends ops to an operator graph, each chained after the previous (a step is a single path),
// filling in the precision, group-scaling and sparsity fields every op of a kind shares.
//
// Example: PathBuilder b(w, /*draft=*/false); b.gemm("layer0.qkv", OpCategory::projection, 0,
// 16, 4096, 6144) adds a gemm whose weights carry w.precision.weights, the group scales of
// w.precision.group_size and the N:M pattern of w.sparsity; with draft = true the same call adds
// "draft.layer0.qkv" in category draft (so a speculative run reports the draft's cost apart).
#pragma once

#include <cstdint>
#include <string>

#include "workloads/op_graph.h"
#include "workloads/workload_spec.h"

namespace pjsim::workloads {

class PathBuilder {
 public:
  PathBuilder(const WorkloadSpec& w, bool draft) : w_(w), draft_(draft) {}

  /// A weight gemm out[m x n] = A[m x k] * W[k x n]; `sparse` = N:M sparsity may apply.
  Op& gemm(std::string name, OpCategory category, int layer, std::uint64_t m, std::uint64_t k, std::uint64_t n,
           bool sparse = true);
  /// An element-wise op over m x k activations costing ops_per_element each.
  Op& vector(std::string name, OpCategory category, int layer, std::uint64_t m, std::uint64_t k,
             std::uint64_t ops_per_element);
  /// An op with the name prefix and category of this builder (draft ops are renamed).
  Op base(std::string name, OpKind kind, OpCategory category, int layer) const;
  /// Appends `op` after the last op added.
  void add(Op op);
  OpGraph take() { return std::move(graph_); }

 private:
  const WorkloadSpec& w_;
  bool draft_;
  OpGraph graph_;
  OpGraph::vertex_descriptor last_{};
  bool has_last_ = false;
};

}  // namespace pjsim::workloads
