// From typed values to the structs the simulator reads, with the rules that span several keys.
//
// Example: values of the default point -> ArchParams{name "tpu-v4-like", chip.cores 2,
// chip.frequency_hz 1.05e9, technology.mac[bf16].pj 0.59, ...} and WorkloadSpec{model
// llama-3-8b (head_dim 128 = 4096 / 32), decode, batch 16, context_tokens 2048}.
// Cross-key rules: heads divisible by kv heads; head_dim computed or given; prefill needs
// prompt_tokens >= 1 and decode context_tokens >= 1; the chosen precisions have a MAC and a
// vector price. Computed defaults (head_dim, num_key_value_heads) are written back to `values`
// so the resolved config shows them.
#pragma once

#include "models/arch_params.h"
#include "models/area.h"
#include "sim/config/values.h"
#include "workloads/workload_spec.h"

namespace pjsim::sim {

models::ArchParams build_arch(const Values& values);
/// arch.area.*: mm^2 per unit of each component (models/area.h).
models::AreaParams build_area(const Values& values);
/// Throws UserError on a model or phase rule; completes computed defaults in `values`.
workloads::WorkloadSpec build_workload(Values& values);
/// Throws UserError at the precision key when the technology has no price for it.
void check_precision_prices(const Values& values, const models::ArchParams& arch,
                            const workloads::WorkloadSpec& workload);

}  // namespace pjsim::sim
