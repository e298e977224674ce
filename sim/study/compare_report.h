// The attribution of a comparison: compare.json and the table `pjsim compare` prints.
//
// Example (baseline energy/token 1.40e11 pJ; N+1 = twice the SRAM then int8 weights):
//   candidates[0].delta.energy_pj_per_token = -5.1e10
//   features[0] {name "twice-sram", sequential -1.0e9, alone -1.0e9}
//   features[1] {name "int8",       sequential -5.0e10, alone -5.0e10}
//   sum_alone = -5.1e10, interaction = total - sum_alone = 0
// Sequential contributions always sum to the total delta; the interaction says how far the
// alone contributions are from it.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/study/point_pool.h"
#include "sim/study/spec.h"

namespace pjsim::sim {

struct FeaturePlan {
  std::string name;
  Overrides set;
  std::string seq_id;    ///< point after applying this feature and every earlier one
  std::string alone_id;  ///< point with only this feature applied to the baseline
};

struct CandidatePlan {
  std::string name;
  std::vector<FeaturePlan> features;
  std::string base_id;
};

/// {"study", "metrics": [names], "baseline": {id, metrics}, "candidates": [{name, id, metrics,
///  delta, features: [{name, keys, sequential, alone}], sum_sequential, sum_alone, interaction,
///  unattributed, error}]}; a candidate whose baseline or final point did not run has "error" and
///  no figures; when only intermediate points failed, their contributions are null, each such
///  feature has "error", "unattributed" lists the points, and sums are given only when complete.
nlohmann::json attribution_json(const std::string& study, const std::vector<CandidatePlan>& candidates,
                                const std::vector<PointResult>& rows);

/// Side-by-side table of the metrics, then one attribution table per candidate.
std::string compare_text(const nlohmann::json& attribution);

/// Whether every candidate has figures (its baseline and final point ran): intermediate points
/// that failed do not count, their contributions are marked unattributed instead.
bool every_candidate_ran(const nlohmann::json& attribution);

}  // namespace pjsim::sim
