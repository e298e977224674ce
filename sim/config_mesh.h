// Checks of a design point that need the chip mesh: the mapping of the workload onto the mesh's
// axes, and where each chip keeps its weights and KV cache (models/system_plan.h).
//
// Example: tensor: [x, x] -> "workload.mapping.pipeline: axis x is used twice (tensor and
// pipeline)"; Llama-3-70B bf16 on 4 chips of 32 GiB with tensor: [x] -> "arch.chip.hbm.capacity:
// impossible design: chip 0 needs 33.1 GiB of HBM (...)".
#pragma once

#include "sim/config_values.h"
#include "sim/design_point.h"

namespace pjsim::sim {

/// Throws UserError located at the mapping keys or at arch.chip.hbm.capacity.
void check_mesh(const Values& values, const DesignPoint& point);

}  // namespace pjsim::sim
