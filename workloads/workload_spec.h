// What is served: a model, a phase, a batch and the lengths of its sequences.
//
// Example (the default point): Llama-3-8B, decode, batch 16, context_tokens 2048, one step,
// bf16 weights, activations and KV cache.
// A mixed step (a serving iteration under continuous batching with chunked prefill): `batch`
// decode sequences attending context_tokens each, plus prefill `chunks`, e.g. batch 64, context
// 2048 and one chunk {tokens 512, prior 0, logits true}: the gemms run over 64 + 512 = 576 rows.
#pragma once

#include <cstdint>
#include <vector>

#include "workloads/mapping_spec.h"
#include "workloads/micro_workload.h"
#include "workloads/model_shape.h"
#include "workloads/moe_routing.h"
#include "workloads/precision.h"

namespace pjsim::workloads {

enum class Phase { prefill, decode, mixed };

/// One prefill chunk of a mixed step: `tokens` new prompt positions of one sequence, after `prior`
/// positions of it already in the KV cache (earlier chunks or a cached prefix).
struct PrefillChunk {
  std::uint64_t tokens = 0;
  std::uint64_t prior = 0;
  bool logits = true;  ///< the chunk ends its prompt: the LM head runs for its last position
  bool operator==(const PrefillChunk& o) const { return tokens == o.tokens && prior == o.prior && logits == o.logits; }
};

struct PrecisionSpec {
  Precision weights = Precision::bf16;
  Precision activations = Precision::bf16;
  Precision kv = Precision::bf16;
  /// Group scaling of the weights: one scale of `scale` precision per group_size weights
  /// (0 = none). See docs/precision.md.
  std::uint64_t group_size = 0;
  Precision scale = Precision::bf16;
};

/// N:M structured weight sparsity and the activation sparsity fraction (docs/sparsity.md).
struct SparsitySpec {
  std::uint64_t weights_n = 0, weights_m = 0;  ///< 0:0 = dense
  double activation_zeros = 0;                  ///< fraction of activation elements that are zero
};

/// Speculative decoding (docs/speculative-decoding.md); draft_tokens 0 = off.
struct SpeculativeSpec {
  ModelShape draft;
  std::uint64_t draft_tokens = 0;  ///< k
  double acceptance = 0;           ///< a, per drafted token
  bool enabled() const { return draft_tokens > 0; }
};

struct WorkloadSpec {
  ModelShape model;
  Phase phase = Phase::decode;
  std::uint64_t batch = 1;           ///< sequences served together
  std::uint64_t prompt_tokens = 0;   ///< prefill: prompt length of every sequence
  std::uint64_t context_tokens = 0;  ///< decode: KV positions attended by the new token (cache incl. itself)
  std::uint64_t steps = 1;           ///< decode: steps simulated (context grows by one per step)
  std::vector<PrefillChunk> chunks;  ///< mixed: prefill chunks served in the step beside the decodes
  PrecisionSpec precision;
  SparsitySpec sparsity;
  RoutingSpec routing;
  SpeculativeSpec speculative;
  MappingSpec mapping;               ///< over the chips of arch.topology (empty: one chip)
  PlacementSpec placement;
  MicroSpec micro;                   ///< a single-op micro-workload instead of the model (micro_workload.h)
};

/// Expected tokens accepted per target pass: (1 - a^(k+1)) / (1 - a) (k + 1 when a = 1).
/// Example: k 8, a 0.85 -> 5.12.
double accepted_per_pass(const SpeculativeSpec& s);
/// KV positions held per sequence when `positions` are attended (capped by a sliding window).
inline std::uint64_t kv_positions(const ModelShape& m, std::uint64_t positions) {
  return m.sliding_window && positions > m.sliding_window ? m.sliding_window : positions;
}

/// New tokens per sequence processed by one step: prompt_tokens for prefill, 1 for decode (and
/// for the decode sequences of a mixed step).
inline std::uint64_t tokens_per_sequence(const WorkloadSpec& w) {
  return w.phase == Phase::prefill ? w.prompt_tokens : 1;
}
/// Mixed: prompt positions of all chunks (sum of their tokens).
std::uint64_t chunk_tokens(const WorkloadSpec& w);
/// Mixed: chunks that end their prompt (need the LM head).
std::uint64_t chunk_logits(const WorkloadSpec& w);
/// Tokens (activation rows) one step processes: batch x tokens_per_sequence, or for a mixed
/// step batch + chunk_tokens.
std::uint64_t step_tokens(const WorkloadSpec& w);
/// Positions that get logits in one step: prefill and decode batch, mixed batch + chunk_logits
/// (speculative verify passes aside).
std::uint64_t step_logits(const WorkloadSpec& w);
/// KV positions attended by the step at index `step` (0-based).
inline std::uint64_t attended_tokens(const WorkloadSpec& w, std::uint64_t step) {
  return w.phase == Phase::prefill ? w.prompt_tokens : w.context_tokens + step;
}
/// Most KV positions any step of the run attends (before a sliding window caps them).
/// Decode: context_tokens + steps - 1; speculative: the last pass's context + k + 1.
std::uint64_t max_attended_tokens(const WorkloadSpec& w);
/// Bits of KV cache held for the whole batch at the end of the run (target model). Mixed: the
/// decode sequences' kv_positions(context) each plus kv_positions(prior + tokens) per chunk.
std::uint64_t kv_cache_bits(const WorkloadSpec& w);
/// Bits of the draft model's KV cache (0 without speculative decoding).
std::uint64_t draft_kv_cache_bits(const WorkloadSpec& w);
/// Context (KV positions before the pass) of speculative pass `pass`: context_tokens +
/// pass x floor(accepted_per_pass), the accepted tokens of earlier passes.
std::uint64_t speculative_context(const WorkloadSpec& w, std::uint64_t pass);

const char* to_string(Phase p);

}  // namespace pjsim::workloads
