#include "workloads/workload_spec.h"

#include <algorithm>
#include <cmath>

namespace pjsim::workloads {

namespace {

std::uint64_t kv_bits_of(const ModelShape& m, std::uint64_t tokens, std::uint64_t batch, Precision p) {
  const std::uint64_t elements =
      2 * m.num_hidden_layers * m.num_key_value_heads * m.head_dim * kv_positions(m, tokens) * batch;
  // Packed formats (ternary: 8/5 bits) leave a fraction of a bit: round up to a whole bit. The
  // bits are written as an exact fraction num/den so that 5 ternary elements give exactly 8 bits,
  // which a product in double (1.6 is not representable) would not guarantee.
  const double bits = bits_per_element(p);
  std::uint64_t den = 1;
  while (den < 64 && std::abs(bits * static_cast<double>(den) -
                              std::round(bits * static_cast<double>(den))) > 1e-9) {
    ++den;
  }
  const auto num = static_cast<std::uint64_t>(std::llround(bits * static_cast<double>(den)));
  return (elements * num + den - 1) / den;
}

}  // namespace

double accepted_per_pass(const SpeculativeSpec& s) {
  const auto k = static_cast<double>(s.draft_tokens);
  if (s.acceptance >= 1.0) return k + 1;
  return (1.0 - std::pow(s.acceptance, k + 1)) / (1.0 - s.acceptance);
}

std::uint64_t speculative_context(const WorkloadSpec& w, std::uint64_t pass) {
  return w.context_tokens + pass * static_cast<std::uint64_t>(std::floor(accepted_per_pass(w.speculative)));
}

std::uint64_t chunk_tokens(const WorkloadSpec& w) {
  std::uint64_t n = 0;
  for (const PrefillChunk& c : w.chunks) n += c.tokens;
  return n;
}

std::uint64_t chunk_logits(const WorkloadSpec& w) {
  std::uint64_t n = 0;
  for (const PrefillChunk& c : w.chunks) n += c.logits ? 1 : 0;
  return n;
}

std::uint64_t step_tokens(const WorkloadSpec& w) {
  return w.phase == Phase::mixed ? w.batch + chunk_tokens(w) : w.batch * tokens_per_sequence(w);
}

std::uint64_t step_logits(const WorkloadSpec& w) {
  return w.phase == Phase::mixed ? w.batch + chunk_logits(w) : w.batch;
}

std::uint64_t max_attended_tokens(const WorkloadSpec& w) {
  if (w.phase == Phase::prefill) return w.prompt_tokens;
  if (w.phase == Phase::mixed) {
    std::uint64_t most = w.batch ? w.context_tokens : 0;
    for (const PrefillChunk& c : w.chunks) most = std::max(most, c.prior + c.tokens);
    return most;
  }
  const std::uint64_t last = w.steps > 0 ? w.steps - 1 : 0;
  if (w.speculative.enabled()) return speculative_context(w, last) + w.speculative.draft_tokens + 1;
  return w.context_tokens + last;
}

std::uint64_t kv_cache_bits(const WorkloadSpec& w) {
  if (w.phase == Phase::mixed) {
    std::uint64_t bits = kv_bits_of(w.model, w.context_tokens, w.batch, w.precision.kv);
    for (const PrefillChunk& c : w.chunks) bits += kv_bits_of(w.model, c.prior + c.tokens, 1, w.precision.kv);
    return bits;
  }
  return kv_bits_of(w.model, max_attended_tokens(w), w.batch, w.precision.kv);
}

std::uint64_t draft_kv_cache_bits(const WorkloadSpec& w) {
  if (!w.speculative.enabled()) return 0;
  return kv_bits_of(w.speculative.draft, max_attended_tokens(w), w.batch, w.precision.kv);
}

const char* to_string(Phase p) {
  switch (p) {
    case Phase::prefill: return "prefill";
    case Phase::decode: return "decode";
    case Phase::mixed: return "mixed";
  }
  return "unknown";
}

}  // namespace pjsim::workloads
