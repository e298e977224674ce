// One serving step as the chip sees it, and what it cost.
//
// A step runs the decode token of every running sequence that has finished its prompt plus the
// prefill chunks admitted this iteration, through one forward pass: every weight is read once
// for all of its tokens (workload phase `mixed`, docs/workloads.md). Example: 30 decode
// sequences whose contexts sum to 61,440 (mean 2048) and one chunk of 512 prompt tokens with
// 1024 already cached: {decode_seqs 30, decode_context_sum 61440, chunks [{512, 1024, true}]}.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace pjsim::serving {

struct Chunk {
  std::uint64_t tokens = 0;  ///< new prompt positions of one sequence in this step
  std::uint64_t prior = 0;   ///< positions of that sequence already in the KV cache
  bool logits = true;        ///< the chunk ends its prompt: the LM head runs on its last position
  bool operator==(const Chunk& o) const { return tokens == o.tokens && prior == o.prior && logits == o.logits; }
  bool operator<(const Chunk& o) const {
    return tokens != o.tokens ? tokens < o.tokens : prior != o.prior ? prior < o.prior : logits < o.logits;
  }
};

struct StepShape {
  std::uint64_t decode_seqs = 0;
  std::uint64_t decode_context_sum = 0;  ///< KV positions attended, summed over decode sequences
  std::vector<Chunk> chunks;
  /// Only the attention ops' cost is wanted (StepCost::ops["attention"]): a simulator may run
  /// fewer, identical layers and scale it (sim/serve does).
  bool attention_only = false;
  std::uint64_t new_tokens() const;
  std::uint64_t prefill_tokens() const;
  bool empty() const { return decode_seqs == 0 && chunks.empty(); }
};

/// Time and dynamic energy of one class of a step's ops, with its energy parts.
struct CostPart {
  double seconds = 0;
  double energy_pj = 0;                  ///< dynamic
  std::map<std::string, double> parts;   ///< "tier.x" and "data.x", each family summing to energy_pj
};

/// What one simulated (or interpolated) step cost: its time and its energy, whole and in parts.
struct StepCost {
  double seconds = 0;
  double energy_pj = 0;
  /// Parts of energy_pj by name ("tier.hbm", "data.weights", ...): each family sums to energy_pj.
  std::map<std::string, double> parts;
  /// A simulated step's ops by class: "attention" (attention and rope), "lm_head", "rest"
  /// (every other op: the weight matmuls, norms, residuals, embedding over all rows); their
  /// seconds sum to `seconds`, their energies to the dynamic energy.
  std::map<std::string, CostPart> ops;
  double static_watts = 0;  ///< static energy / seconds of a simulated step
};

/// The source of step costs (sim/serve asks the SystemC model). `cost_many` lets a source
/// simulate several shapes at once (in parallel); `cost` is one of them.
class StepCosts {
 public:
  virtual ~StepCosts() = default;
  virtual StepCost cost(const StepShape& shape) = 0;
  /// Steps actually simulated so far (the rest reused or interpolated).
  virtual std::uint64_t simulated() const = 0;
};

/// a x wa + b x wb, part by part (a part missing on one side counts 0 there).
CostPart blend(const CostPart& a, double wa, const CostPart& b, double wb);

}  // namespace pjsim::serving
