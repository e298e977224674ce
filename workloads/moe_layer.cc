#include "workloads/moe_layer.h"

#include <string>

#include "workloads/moe_routing.h"
#include "workloads/vector_costs.h"

namespace pjsim::workloads {

namespace {

void add_expert(PathBuilder& b, const ModelShape& s, int layer, const std::string& prefix, std::uint64_t tokens,
                std::uint64_t width, int expert) {
  const std::uint64_t d = s.hidden_size;
  b.gemm(prefix + "gate_up", OpCategory::mlp, layer, tokens, d, s.gated_mlp ? 2 * width : width).expert = expert;
  b.vector(prefix + "act", OpCategory::mlp, layer, tokens, width, s.gated_mlp ? kGatedActOps : kActOps).expert = expert;
  b.gemm(prefix + "down", OpCategory::mlp, layer, tokens, width, d).expert = expert;
}

}  // namespace

void add_moe_mlp(PathBuilder& b, const WorkloadSpec& w, const ModelShape& s, int layer, std::uint64_t tokens,
                 std::uint64_t step) {
  const std::string p = "layer" + std::to_string(layer) + ".";
  const std::uint64_t experts = s.num_experts;
  const std::uint64_t top_k = s.num_experts_per_tok;
  // The router is small and precision-critical: it is never pruned (sparse = false).
  b.gemm(p + "router", OpCategory::router, layer, tokens, s.hidden_size, experts, false);
  b.vector(p + "router_topk", OpCategory::router, layer, tokens, experts, kSoftmaxOps + kTopKOps);
  if (s.shared_expert_intermediate_size > 0)
    add_expert(b, s, layer, p + "shared_expert.", tokens, s.shared_expert_intermediate_size, -1);
  const std::vector<std::uint64_t> routed =
      route_tokens(w.routing, experts, top_k, tokens, step, static_cast<std::uint64_t>(layer));
  for (std::uint64_t e = 0; e < experts; ++e)
    if (routed[e] > 0)
      add_expert(b, s, layer, p + "expert" + std::to_string(e) + ".", routed[e], s.expert_intermediate_size(),
                 static_cast<int>(e));
  const std::uint64_t shared_add = s.shared_expert_intermediate_size > 0 ? 1 : 0;
  b.vector(p + "combine", OpCategory::mlp, layer, tokens, s.hidden_size, kCombineOpsPerExpert * top_k + shared_add);
}

}  // namespace pjsim::workloads
