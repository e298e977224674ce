#include "reports/report_workload.h"

#include "reports/report_counts.h"

namespace pjsim::reports {

nlohmann::json workload_section(const RunResult& r) {
  const WorkloadFigures& f = r.workload;
  nlohmann::json j = nlohmann::json::object();
  if (!f.expert_tokens.empty()) {
    nlohmann::json experts = nlohmann::json::array();
    for (std::size_t e = 0; e < f.expert_tokens.size(); ++e)
      experts.push_back({{"expert", e},
                         {"tokens", f.expert_tokens[e]},
                         {"weight_bits", e < f.expert_weight_bits.size() ? f.expert_weight_bits[e] : 0}});
    const double mean = f.moe_layer_steps ? static_cast<double>(f.distinct_experts) / static_cast<double>(f.moe_layer_steps) : 0.0;
    j["moe"] = {{"experts", experts}, {"layer_steps", f.moe_layer_steps}, {"distinct_experts_per_layer_step", mean}};
  }
  // KV bits by tier: every bit-moving action of the ledger whose data class is the KV cache.
  nlohmann::json by_tier = nlohmann::json::object();
  for (models::Action a : models::all_actions())
    if (!bits_key(a).empty()) by_tier[bits_key(a)] = std::uint64_t{0};
  for (const auto& [tag, count] : r.ledger.entries()) {
    if (tag.data != workloads::DataClass::kv || bits_key(tag.action).empty()) continue;
    auto& cell = by_tier[bits_key(tag.action)];
    cell = cell.get<std::uint64_t>() + count;
  }
  j["kv"] = {{"cache_bits", f.kv_cache_bits}, {"bits_by_tier", by_tier}};
  if (f.mixed)
    j["mixed"] = {{"decode_sequences", f.decode_sequences}, {"prefill_chunks", f.prefill_chunks},
                  {"prefill_tokens", f.prefill_tokens},     {"gemm_rows", f.gemm_rows},
                  {"lm_head_rows", f.lm_head_rows},         {"attention_macs", f.attention_macs}};
  if (f.accepted_per_pass > 0)
    j["speculative"] = {{"accepted_per_pass", f.accepted_per_pass},
                        {"target_passes", f.target_passes},
                        {"tokens_accepted", f.tokens_accepted}};
  return j;
}

}  // namespace pjsim::reports
