#include "workloads/workload_spec.h"

#include <cmath>

namespace pjsim::workloads {

std::uint64_t kv_cache_bits(const WorkloadSpec& w) {
  // Decode step s attends context_tokens + s positions; the last step (s = steps - 1) holds the most.
  const std::uint64_t tokens = w.phase == Phase::prefill
                                   ? w.prompt_tokens
                                   : w.context_tokens + (w.steps > 0 ? w.steps - 1 : 0);
  const std::uint64_t elements = 2 * w.model.num_hidden_layers * w.model.num_key_value_heads *
                                 w.model.head_dim * tokens * w.batch;
  // Packed formats (ternary: 8/5 bits) leave a fraction of a bit: round up to a whole bit. The
  // bits are written as an exact fraction num/den so that 5 ternary elements give exactly 8 bits,
  // which a product in double (1.6 is not representable) would not guarantee.
  const double bits = bits_per_element(w.precision.kv);
  std::uint64_t den = 1;
  while (den < 64 && std::abs(bits * static_cast<double>(den) -
                              std::round(bits * static_cast<double>(den))) > 1e-9) {
    ++den;
  }
  const auto num = static_cast<std::uint64_t>(std::llround(bits * static_cast<double>(den)));
  return (elements * num + den - 1) / den;
}

const char* to_string(Phase p) {
  switch (p) {
    case Phase::prefill: return "prefill";
    case Phase::decode: return "decode";
  }
  return "unknown";
}

}  // namespace pjsim::workloads
