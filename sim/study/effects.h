// The closing lines of a sweep: how each choice changes the picojoules moved per multiply, one
// axis at a time from the first point, with pjsim's numbers.
//
// Example (the default study):
//   pJ moved per MAC, one choice at a time from p000 (batch=1 weights=bf16 model=llama-3-8b context_tokens=128):
//     batch             1: 73.9   4: 18.6   16: 4.75   64: 1.21   256: 0.32   1024: 0.1
//     weights        bf16: 73.9   int8: 37.1   int4: 18.7
#pragma once

#include <string>
#include <vector>

#include "sim/study/point_pool.h"

namespace pjsim::sim {

/// Empty when the first point failed or no axis has two successful values next to it.
std::string effects_summary(const std::vector<PointResult>& rows);

}  // namespace pjsim::sim
