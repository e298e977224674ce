#include "sim/config/applicability.h"

#include <string>
#include <vector>

#include "sim/config/errors.h"

namespace pjsim::sim {

namespace {

// Fails at the first of `keys` (under `prefix`) that a layer wrote.
void refuse_set(const Values& v, const std::string& prefix, const std::vector<std::string>& keys,
                const std::string& why) {
  for (const std::string& key : keys) {
    const Value& value = v.at(prefix + key);
    if (value.written) fail_at(value.where, prefix + key, why);
  }
}

std::string model_name(const Values& v, const std::string& section) {
  const Value& base = v.at(section + ".base");
  return base.present ? base.text : "custom";
}

const std::vector<std::string> kMoeModelKeys = {"num_experts_per_tok", "moe_intermediate_size",
                                                "shared_expert_intermediate_size"};

}  // namespace

void check_settings_apply(const Values& v, const workloads::WorkloadSpec& w) {
  const std::string type = v.at("workload.model.model_type").text;
  if (type != "access")
    refuse_set(v, "workload.access.", {"tier", "bits"},
               "only read with workload.model: access (the model here is '" + model_name(v, "workload.model") + "')");
  const bool draft = w.speculative.enabled();
  const bool experts = w.model.num_experts > 0 || (draft && w.speculative.draft.num_experts > 0);
  if (!experts)
    refuse_set(v, "workload.routing.", {"mode", "seed", "skew", "histogram"},
               "only read for a model with experts (mixture of experts); workload.model '" +
                   model_name(v, "workload.model") + "' is dense");
  if (w.model.num_experts == 0)
    refuse_set(v, "workload.model.", kMoeModelKeys,
               "only read for a model with experts: set num_local_experts (or num_experts) too, or drop it");
  if (draft && w.speculative.draft.num_experts == 0)
    refuse_set(v, "workload.speculative.draft_model.", kMoeModelKeys,
               "only read for a draft model with experts: set num_local_experts (or num_experts) too, or drop it");
  if (!draft) {
    const std::string why = "only read with workload.speculative.draft_tokens > 0 (speculative decoding is off)";
    refuse_set(v, "workload.speculative.", {"acceptance"}, why);
  }
  if (type != "gemm" && type != "access" && w.phase == workloads::Phase::decode)
    refuse_set(v, "workload.", {"prompt_tokens"},
               "only read in prefill; decode attends context_tokens (set workload.phase: prefill, or drop it)");
}

}  // namespace pjsim::sim
