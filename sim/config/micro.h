// The config keys of the micro-workloads (workloads/micro_workload.h, docs/validation.md).
//
// `workload.model: gemm` (a model preset whose model_type is "gemm") selects one GEMM of
// `workload.gemm: {m, k, n}` (all three required), `operands_in_sram` (default true) placing its
// B operand in SRAM. `workload.model: access` selects one read of `workload.access: {tier, bits}`.
// For either, the model shape is cleared (no layers, no vocabulary), and the phase's
// prompt/context checks do not apply.
//
// Example: --workload gemm --set workload.gemm.m=64 --set workload.gemm.k=64 --set workload.gemm.n=32
// gives w.micro = {gemm, 64, 64, 32}, w.placement.weights = sram.
// Errors: "workload.gemm.m: required with workload.model: gemm";
//         "workload.gemm.m: only read with workload.model: gemm (the model here is 'llama-3-8b')".
#pragma once

#include "sim/config/values.h"
#include "workloads/workload_spec.h"

namespace pjsim::sim {

/// Whether the workload's model is a micro-workload (model_type gemm or access).
bool is_micro_model(const Values& v);

/// Fills w.micro (and, for gemm, w.placement.weights) from the values; clears w.model for a
/// micro-workload. Call after the mapping keys are read. Throws UserError as above.
void build_micro(const Values& v, workloads::WorkloadSpec& w);

}  // namespace pjsim::sim
