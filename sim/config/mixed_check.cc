#include "sim/config/mixed_check.h"

#include <string>

#include <fmt/format.h>

#include "sim/config/errors.h"

namespace pjsim::sim {

void check_mixed(const Values& v, const workloads::WorkloadSpec& w, bool micro) {
  const Value& chunks = v.at("workload.chunks");
  if (w.phase != workloads::Phase::mixed) {
    if (!w.chunks.empty())
      fail_at(chunks.where, "workload.chunks", "only read in a mixed step (set workload.phase: mixed, or drop the chunks)");
    if (w.batch == 0)
      fail_at(v.at("workload.batch").where, "workload.batch", "'0' is out of range 1..1048576 outside a mixed step (batch 0 is allowed only with workload.phase: mixed and chunks)");
    return;
  }
  if (micro) fail_at(v.at("workload.phase").where, "workload.phase", "a micro-workload has no mixed step: use prefill or decode");
  if (w.batch == 0 && w.chunks.empty())
    fail_at(chunks.where, "workload.chunks",
            "a mixed step needs decode sequences (workload.batch >= 1) or prefill chunks, and has neither");
  if (w.batch > 0 && w.context_tokens == 0)
    fail_at(v.at("workload.context_tokens").where, "workload.context_tokens",
            "a mixed step with decode sequences (batch " + std::to_string(w.batch) + ") needs context_tokens >= 1");
  if (w.steps != 1)
    fail_at(v.at("workload.steps").where, "workload.steps", "a mixed step is one step: steps must be 1, got " + std::to_string(w.steps));
  constexpr std::uint64_t kMostPositions = 16777216;  // the range of context_tokens and prompt_tokens
  for (std::size_t i = 0; i < w.chunks.size(); ++i) {
    const workloads::PrefillChunk& c = w.chunks[i];
    if (c.prior + c.tokens > kMostPositions)
      fail_at(chunks.where, "workload.chunks",
              fmt::format("chunk {}: prior {} + tokens {} = {} positions exceed {} (the most a sequence may hold)", i, c.prior,
                          c.tokens, c.prior + c.tokens, kMostPositions));
  }
}

}  // namespace pjsim::sim
