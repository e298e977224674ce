// Checks the mapping of the workload onto the chip mesh's axes (workloads/mapping.h): every axis
// named once, degrees that divide what they split. Where each chip keeps its weights and KV cache
// is the plan's job (sim/run/plan.h).
//
// Example: tensor: [x, x] -> "workload.mapping.pipeline: axis x is used twice (tensor and
// pipeline)".
#pragma once

#include "sim/config/design_point.h"
#include "sim/config/values.h"

namespace pjsim::sim {

/// Throws UserError located at the first mapping key written (else workload.mapping).
void check_mapping(const Values& values, const DesignPoint& point);

}  // namespace pjsim::sim
