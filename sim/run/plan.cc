#include "sim/run/plan.h"

#include "sim/run/tile_budget.h"
#include "workloads/run_plan.h"

namespace pjsim::sim {

PointPlan plan_point(const DesignPoint& point) {
  PointPlan plan;
  plan.ops = workloads::run_ops(point.workload);
  plan.system = models::plan_system(point.arch, point.workload, plan.ops);
  if (!plan.system.problem.empty()) fail_at(point.hbm_capacity_location, "arch.chip.hbm.capacity", plan.system.problem);
  if (!plan.system.hbm_problem.empty() && !point.serving.step_of_replay)
    fail_at(point.hbm_capacity_location, "arch.chip.hbm.capacity", plan.system.hbm_problem);
  check_tile_count(point, plan.system);
  return plan;
}

DesignPoint load_valid_point(const LoadRequest& request) {
  DesignPoint point = load_design_point(request);
  plan_point(point);
  return point;
}

}  // namespace pjsim::sim
