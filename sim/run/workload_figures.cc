#include "sim/run/workload_figures.h"

#include <algorithm>
#include <set>
#include <string>

#include "models/weight_format.h"
#include "workloads/run_plan.h"
#include "workloads/transformer.h"

namespace pjsim::sim {

namespace {

bool is_gate_up(const workloads::Op& op) {
  const std::string tail = "gate_up";
  return op.name.size() >= tail.size() && op.name.compare(op.name.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

reports::WorkloadFigures workload_figures(const workloads::WorkloadSpec& w, const models::ArchParams& arch,
                                         const std::vector<workloads::Op>& ops) {
  reports::WorkloadFigures f;
  const std::uint64_t experts = std::max(w.model.num_experts, w.speculative.enabled() ? w.speculative.draft.num_experts : 0);
  if (experts > 0) {
    f.expert_tokens.assign(experts, 0);
    f.expert_weight_bits.assign(experts, 0);
    // Each expert's gate_up sees the tokens routed to it; a router op opens a new layer-step.
    std::set<int> touched;
    for (const auto& op : ops) {
      if (op.category == workloads::OpCategory::router && op.kind == workloads::OpKind::gemm) {
        f.distinct_experts += touched.size();
        touched.clear();
        ++f.moe_layer_steps;
      }
      if (op.expert < 0 || op.kind != workloads::OpKind::gemm) continue;
      const auto e = static_cast<std::size_t>(op.expert);
      if (is_gate_up(op)) {
        f.expert_tokens[e] += op.m;
        touched.insert(op.expert);
      }
      const models::WeightTileCost c = models::weight_tile_cost(op, arch.core.matrix, op.m, op.k, op.n);
      f.expert_weight_bits[e] += c.weight_bits + c.scale_bits + c.metadata_bits;
    }
    f.distinct_experts += touched.size();
  }
  if (w.speculative.enabled()) {
    f.accepted_per_pass = workloads::accepted_per_pass(w.speculative);
    f.target_passes = w.steps;
    f.tokens_accepted = static_cast<double>(w.batch * w.steps) * f.accepted_per_pass;
  }
  f.kv_cache_bits = workloads::kv_cache_bits(w) + workloads::draft_kv_cache_bits(w);
  if (w.phase == workloads::Phase::mixed) {
    f.mixed = true;
    f.decode_sequences = w.batch;
    f.prefill_chunks = w.chunks.size();
    f.prefill_tokens = workloads::chunk_tokens(w);
    f.gemm_rows = workloads::step_tokens(w);
    f.lm_head_rows = workloads::step_logits(w);
    f.attention_macs = workloads::attention_macs(w, 0);
  }
  return f;
}

}  // namespace pjsim::sim
