// The checks and path resolution of a study's serving keys (docs/serving.md#studies), after
// parse_study has read the file.
//
// Example: a study without `command: serve` whose axis is serving.requests.rate fails at that
//   axis ("serving keys vary only served points: add `command: serve` to the study"); a
//   `serving.requests.trace: ../examples/traces/a.csv` in studies/x.yaml becomes
//   "examples/traces/a.csv" resolved against studies/ (the file's folder, or for the embedded
//   study "x" the source tree's studies/ folder, PJSIM_STUDIES_DIR).
#pragma once

#include "sim/study/spec.h"

namespace pjsim::sim {

/// Throws UserError at the first serving.* key varied by a study that does not serve its points.
void check_serving_axes(const StudySpec& s);
/// Makes the relative trace paths of the study's settings absolute (see above).
void resolve_trace_paths(StudySpec& s);

}  // namespace pjsim::sim
