// The plan of one design point, made once and handed on: the ops of the whole run
// (workloads::run_ops) and the mesh plan built from them (models::plan_system: each chip's role,
// program and placement of weights and KV cache). The simulation elaborates the plan's chips
// and the report's workload figures read the same ops, so neither lowers the workload again.
//
// Example: const DesignPoint p = load_design_point(req);
//          const PointPlan plan = plan_point(p);   // throws UserError for an impossible design
//          simulate(p, plan);
// Planning is pure arithmetic (no SystemC): `pjsim validate` and a study's parent process plan
// too, to reject a design whose weights and KV cache do not fit a chip's HBM before anything runs.
#pragma once

#include <vector>

#include "models/system_plan.h"
#include "sim/config/design_point.h"
#include "sim/config/load.h"
#include "workloads/op_graph.h"

namespace pjsim::sim {

struct PointPlan {
  std::vector<workloads::Op> ops;  ///< the whole run's ops for the full batch, in execution order
  models::SystemPlan system;
};

/// Throws UserError located at arch.chip.hbm.capacity when a chip cannot hold its share:
/// "impossible design: chip 0 needs 33.1 GiB of HBM (...)".
PointPlan plan_point(const DesignPoint& point);

/// load_design_point, then plan_point: every check `pjsim validate` makes, for a caller that only
/// needs to know that a point can run (a study's parent process, merge, compare).
DesignPoint load_valid_point(const LoadRequest& request);

}  // namespace pjsim::sim
