// The checks of a mixed serving step (workload.phase: mixed, docs/workloads.md#mixed-steps-serving)
// and of the keys only it reads: batch 0 and workload.chunks.
//
//   chunks outside mixed, batch 0 outside mixed         refused at the key
//   mixed with neither decode sequences nor chunks       refused at workload.chunks
//   mixed with batch > 0 and context_tokens 0            refused at workload.context_tokens
//   mixed with steps != 1                                refused at workload.steps
//   a chunk with prior + tokens > 16777216               refused at workload.chunks
//   a micro-workload model in mixed                      refused at workload.phase
// (a chunk of 0 tokens is a range error of the value reader; speculative decoding is refused by
// the speculative keys; the mappings a chunk cannot follow by sim/config/mapping_check.h).
// Example: `phase: mixed, batch: 0` without chunks -> "workload.chunks: a mixed step needs decode
// sequences (workload.batch >= 1) or prefill chunks, and has neither".
#pragma once

#include "sim/config/values.h"
#include "workloads/workload_spec.h"

namespace pjsim::sim {

/// Throws UserError at the first problem above; `micro` = the model is a micro-workload.
void check_mixed(const Values& v, const workloads::WorkloadSpec& w, bool micro);

}  // namespace pjsim::sim
