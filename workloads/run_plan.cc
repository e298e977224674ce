#include "workloads/run_plan.h"

#include <iterator>

#include "workloads/transformer.h"

namespace pjsim::workloads {

namespace {

void append(std::vector<Op>& ops, const OpGraph& g) {
  auto step = ops_in_order(g);
  ops.insert(ops.end(), std::make_move_iterator(step.begin()), std::make_move_iterator(step.end()));
}

}  // namespace

std::vector<Op> run_ops(const WorkloadSpec& w) {
  if (w.micro.kind != MicroKind::none) return micro_ops(w.micro, w.precision.weights, w.precision.activations);
  std::vector<Op> ops;
  if (w.phase != Phase::decode) {  // prefill, mixed: one step
    append(ops, build_step_graph(w, 0));
    return ops;
  }
  if (!w.speculative.enabled()) {
    for (std::uint64_t s = 0; s < w.steps; ++s) append(ops, build_step_graph(w, s));
    return ops;
  }
  const std::uint64_t k = w.speculative.draft_tokens;
  for (std::uint64_t s = 0; s < w.steps; ++s) {
    const std::uint64_t context = speculative_context(w, s);
    for (std::uint64_t j = 0; j < k; ++j) {
      PassShape draft;
      draft.attended = context + j;
      draft.routing_step = s * (k + 1) + j;
      draft.draft = true;
      append(ops, build_pass_graph(w, w.speculative.draft, draft));
    }
    PassShape verify;
    verify.tokens_per_sequence = k + 1;
    verify.attended = context + k;
    verify.logits_per_sequence = k + 1;
    verify.routing_step = s * (k + 1) + k;
    append(ops, build_pass_graph(w, w.model, verify));
  }
  return ops;
}

}  // namespace pjsim::workloads
