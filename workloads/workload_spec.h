// What is served: a model, a phase, a batch and the lengths of its sequences.
//
// Example (the default point): Llama-3-8B, decode, batch 16, context_tokens 2048, one step,
// bf16 weights, activations and KV cache.
#pragma once

#include <cstdint>

#include "workloads/model_shape.h"
#include "workloads/precision.h"

namespace pjsim::workloads {

enum class Phase { prefill, decode };

struct PrecisionSpec {
  Precision weights = Precision::bf16;
  Precision activations = Precision::bf16;
  Precision kv = Precision::bf16;
};

struct WorkloadSpec {
  ModelShape model;
  Phase phase = Phase::decode;
  std::uint64_t batch = 1;           ///< sequences served together
  std::uint64_t prompt_tokens = 0;   ///< prefill: prompt length of every sequence
  std::uint64_t context_tokens = 0;  ///< decode: KV positions attended by the new token (cache incl. itself)
  std::uint64_t steps = 1;           ///< decode: steps simulated (context grows by one per step)
  PrecisionSpec precision;
};

/// New tokens per sequence processed by one step: prompt_tokens for prefill, 1 for decode.
inline std::uint64_t tokens_per_sequence(const WorkloadSpec& w) {
  return w.phase == Phase::prefill ? w.prompt_tokens : 1;
}
/// KV positions attended by the step at index `step` (0-based).
inline std::uint64_t attended_tokens(const WorkloadSpec& w, std::uint64_t step) {
  return w.phase == Phase::prefill ? w.prompt_tokens : w.context_tokens + step;
}
/// Bytes of KV cache held for the whole batch at the end of the run.
std::uint64_t kv_cache_bits(const WorkloadSpec& w);

const char* to_string(Phase p);

}  // namespace pjsim::workloads
