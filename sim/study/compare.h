// `pjsim compare`: a baseline against N+1 / N+2 candidates, with each delta attributed to the
// features that differ (docs/studies.md#compare).
//
// A feature is a set of key paths changed together. Sequential attribution applies the
// features one at a time, in order, simulating each intermediate point: the contribution of
// feature i is metric(after i) - metric(after i - 1), and they sum to the total delta exactly.
// Each feature is also applied alone to the baseline; interaction = total - sum of the alone
// contributions (0 when the features act independently).
//
// Example: pjsim compare examples/llama-3-8b-decode.yaml examples/llama-3-8b-int8-weights.yaml
//   the files differ in workload.batch (16 -> 1) and workload.precision.weights (bf16 -> int8):
//   two features; points base, +batch, +batch+weights (= the candidate), and weights alone.
// From files, each differing key of the resolved configs is one feature, in key order (name,
// descriptions, sources and preset names excluded). A study's `compare:` names candidates as
// `set:` maps on its base and may group keys into named `features:`.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/study/spec.h"

namespace pjsim::sim {

struct CompareOptions {
  std::string out;       ///< default: out/compare/<baseline or study name>
  unsigned jobs = 0;     ///< 0 = number of cores
  bool resume = false;
  bool quiet = false;    ///< print only errors and the report path
  bool html = false;     ///< each point writes its report.html too
  bool force = false;    ///< write into a folder that holds another command's output
  double timeout_s = 0;  ///< wall seconds per point before it is killed; 0 = no limit
};

/// BASE.yaml against each CAND.yaml (files or point preset names).
int run_compare_files(const std::string& base, const std::vector<std::string>& candidates, const CompareOptions& options);
/// A study with `compare:`; its base (and `set:`) is the baseline.
int run_compare_study(const StudySpec& study, const CompareOptions& options);

/// The differing keys of two resolved configs, as overrides that turn `base` into `candidate`:
/// leaves compared by value (a price {value, source} by its value), in key order, skipping
/// name, description, source, base (preset names) and sources.*.
Overrides config_differences(const nlohmann::json& base, const nlohmann::json& candidate);

}  // namespace pjsim::sim
