// Lowers the MLP of a mixture-of-experts layer, for the tokens of one step.
//
// Ops, in order (T tokens, d hidden, E experts, k top-k, f expert width):
//   layerL.router            gemm   m T, k d, n E            (category router)
//   layerL.router_topk       vector T x E x (kSoftmaxOps + kTopKOps)
//   layerL.shared_expert.*   gate_up, act, down at m T       (only with a shared expert)
//   layerL.expert{e}.gate_up gemm   m T_e, k d, n 2f         (one triple per expert with T_e > 0,
//   layerL.expert{e}.act     vector T_e x f                   experts in id order; op.expert = e)
//   layerL.expert{e}.down    gemm   m T_e, k f, n d
//   layerL.combine           vector T x d x 2k               (weighted sum of the k outputs)
// T_e comes from route_tokens(w.routing, E, k, T, step, L): only touched experts' weights move.
//
// Example: Mixtral-8x7B at batch 1: router (4096 x 8), 2 experts of 3 x 4096 x 14336 weights,
// combine: 7 ops per layer.
#pragma once

#include <cstdint>

#include "workloads/model_shape.h"
#include "workloads/path_builder.h"
#include "workloads/workload_spec.h"

namespace pjsim::workloads {

void add_moe_mlp(PathBuilder& b, const WorkloadSpec& w, const ModelShape& s, int layer, std::uint64_t tokens,
                 std::uint64_t step);

}  // namespace pjsim::workloads
