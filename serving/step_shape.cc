#include "serving/step_shape.h"

namespace pjsim::serving {

std::uint64_t StepShape::prefill_tokens() const {
  std::uint64_t t = 0;
  for (const Chunk& c : chunks) t += c.tokens;
  return t;
}

std::uint64_t StepShape::new_tokens() const { return decode_seqs + prefill_tokens(); }

CostPart blend(const CostPart& a, double wa, const CostPart& b, double wb) {
  CostPart out;
  out.seconds = a.seconds * wa + b.seconds * wb;
  out.energy_pj = a.energy_pj * wa + b.energy_pj * wb;
  for (const auto& [k, v] : a.parts) out.parts[k] += v * wa;
  for (const auto& [k, v] : b.parts) out.parts[k] += v * wb;
  return out;
}

}  // namespace pjsim::serving
