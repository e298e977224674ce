// The workload figures of a run (reports::WorkloadFigures) from its op list and core programs.
//
// Example: Mixtral-8x7B decode at batch 1, one step: 32 MoE layer-steps, distinct_experts 64
// (2 per layer), expert_tokens summing to 64, expert_weight_bits summing to
// 64 x 3 x 4096 x 14336 x 16 bits (bf16, no scales).
#pragma once

#include <vector>

#include "models/arch_params.h"
#include "reports/run_result.h"
#include "workloads/op_graph.h"
#include "workloads/workload_spec.h"

namespace pjsim::sim {

/// `ops` are the run's ops (workloads::run_ops(w), sim/run/plan.h), MoE routing drawn;
/// an expert's weight bits are its ops' stored weights, scales and metadata (models/weight_format.h).
reports::WorkloadFigures workload_figures(const workloads::WorkloadSpec& w, const models::ArchParams& arch,
                                         const std::vector<workloads::Op>& ops);

}  // namespace pjsim::sim
