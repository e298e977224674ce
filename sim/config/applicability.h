// Settings that the chosen workload would not read are refused, naming why, rather than accepted
// and silently ignored (as workload.gemm.* already is outside the gemm micro-workload,
// sim/config/micro.h). A key counts when a layer wrote it: the point file, a preset, --set.
//
//   workload.access.*                          only with workload.model: access
//   workload.routing.*, a model's MoE widths   only for a model with experts (num_experts_per_tok,
//     and top-k                                moe_intermediate_size, shared_expert_intermediate_size)
//   workload.speculative.acceptance            only with speculative.draft_tokens > 0
//   workload.prompt_tokens                     only in prefill (decode reads context_tokens)
//
// Allowed on purpose: context_tokens and steps in prefill (the default point sets them for decode,
// and `--set workload.phase=prefill` on it is the documented way to ask for a prefill), and a
// draft model with draft_tokens 0 (a study switches speculation off by draft_tokens alone).
// Example: Llama-3-8B with `routing: {mode: skewed}` -> "workload.routing.mode: only read for a
// model with experts (mixture of experts); workload.model 'llama-3-8b' is dense".
#pragma once

#include "sim/config/values.h"
#include "workloads/workload_spec.h"

namespace pjsim::sim {

/// Throws UserError at the first key set for nothing.
void check_settings_apply(const Values& values, const workloads::WorkloadSpec& workload);

}  // namespace pjsim::sim
