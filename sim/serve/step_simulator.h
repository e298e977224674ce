// Serving steps simulated by the SystemC model: each step shape becomes a design point (the
// serve's own point with workload.phase mixed, its decode batch and context, its prefill chunks)
// run by `pjsim run` in a child process (SystemC elaborates once per process), several at a
// time; the step's time and energy parts are read back from its report.json.
//
// Example: {decode_seqs 30, decode_context_sum 61440, chunks [{512, 0, true}]} runs
//   pjsim run POINT --set ... --set workload.phase=mixed --set workload.batch=30
//     --set workload.context_tokens=2048 --set 'workload.chunks=[{tokens: 512, prior: 0, logits: true}]'
//     --set serving.step_of_replay=true --out OUT/steps/s000017 --quiet --no-html --force
// and gives StepCost{time.seconds, energy_pj.total, parts tier.* (energy_pj.by_tier) and
// data.* (energy_pj.by_data plus data.static)}.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "serving/step_costs.h"

namespace pjsim::sim {

struct StepSimulatorOptions {
  std::string point_file;         ///< the serve's point (empty: the embedded default)
  std::vector<std::string> sets;  ///< the serve's own overrides, applied before the step's
  std::filesystem::path out;      ///< steps go to out/steps/<id>/
  unsigned jobs = 1;
  /// Steps that only want their attention (StepShape::attention_only) run `reduced_layers` of
  /// the model's `layers` (one per pipeline stage; the layers are identical) with the weights
  /// pinned where the whole model keeps them (`weights_at`, KV with them in HBM), and their
  /// attention is scaled by layers / reduced_layers. 0 = run every layer.
  std::uint64_t layers = 0, reduced_layers = 0;
  std::string weights_at = "auto";
};

class ProcessStepSimulator : public serving::StepSimulator {
 public:
  explicit ProcessStepSimulator(StepSimulatorOptions options) : options_(std::move(options)) {}
  std::vector<serving::StepCost> simulate(const std::vector<serving::StepShape>& shapes) override;
  /// Where attention-only steps on fewer layers keep their weights: where the whole model does.
  void pin_weights(std::string where) { options_.weights_at = std::move(where); }
  /// The report.json of the first step simulated (its power and placement), or null.
  const nlohmann::json& first_report() const { return first_report_; }

 private:
  StepSimulatorOptions options_;
  std::size_t next_id_ = 0;
  nlohmann::json first_report_;
};

/// The --set overrides that make a design point of one step.
std::vector<std::string> step_sets(const serving::StepShape& shape);
/// The overrides that run an attention-only step on fewer layers, and the factor its attention scales by.
std::vector<std::string> reduced_sets(const StepSimulatorOptions& o, double& scale);
/// A step's cost from its report.json.
serving::StepCost step_cost_of(const nlohmann::json& report);

}  // namespace pjsim::sim
