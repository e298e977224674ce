// The ops of a whole run, in execution order: what sim/run/simulate.cc hands to the chip.
//
//   prefill       one pass over the prompts (prompt_tokens per sequence).
//   mixed         one step: decode sequences and prefill chunks together (build_mixed_graph).
//   decode        `steps` passes of one token per sequence; step s attends context_tokens + s.
//   speculative   `steps` target passes; pass s (context c = speculative_context(w, s)) is
//                 k draft decode passes of the draft model (attending c, c + 1, ..., c + k - 1)
//                 then one target verify pass of k + 1 positions per sequence attending c + k,
//                 with logits for all k + 1 positions. Expected tokens accepted per pass:
//                 accepted_per_pass(w.speculative) = (1 - a^(k+1)) / (1 - a).
// MoE routing is drawn per (routing step, layer): decode step s uses step s; in a speculative
// pass s the draft passes use s x (k + 1) + j and the target pass s x (k + 1) + k.
//
// Example: tiny-llama decode, batch 4, context 100, steps 2: 2 x 25 = 50 ops.
// With speculative {draft tiny-llama, k 3}: 2 x (3 x 25 + 25) = 200 ops, draft ops named
// "draft.*" in category draft.
#pragma once

#include <vector>

#include "workloads/op_graph.h"
#include "workloads/workload_spec.h"

namespace pjsim::workloads {

std::vector<Op> run_ops(const WorkloadSpec& w);

}  // namespace pjsim::workloads
