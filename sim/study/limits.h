// Size limits of a study, checked when it is parsed, before any point is expanded: a fuzzed or
// mistyped product of axes must not expand into millions of points or gigabytes of settings.
//
// Example: 6 axes of 10 values -> 1000000 combinations -> UserError at the `axes:` key:
//   "study.yaml:4:1: axes: the study expands to 1000000 points (axes and zip groups 1000000,
//    points 0, compare candidates 0); a study is limited to 100000"
#pragma once

#include <cstdint>
#include <string>

#include <yaml-cpp/yaml.h>

#include "sim/study/spec.h"

namespace pjsim::sim {

/// Points the study runs: those of expand_points(), plus for `compare:` each candidate and two
/// points per feature (sim/study/compare.cc); saturating at 2^63.
std::uint64_t study_point_count(const StudySpec& study);

/// Throws UserError (located at the `axes:`/`zip:`/`points:` key of `root`) when the study has
/// more than kMaxStudyPoints points, its expanded settings would exceed 256 MiB, or its filters
/// would take more than 10^8 comparisons (sim/config/input_limits.h, docs/robustness.md).
void check_study_size(const StudySpec& study, const YAML::Node& root, const std::string& file);

}  // namespace pjsim::sim
