#include "sim/config_mesh.h"

#include "models/system_plan.h"
#include "workloads/mapping.h"

namespace pjsim::sim {

namespace {

// The mapping key a problem is about: the first one written, else the workload section.
std::pair<Location, std::string> mapping_location(const Values& values) {
  for (const char* kind : {"tensor", "pipeline", "data", "expert", "context"}) {
    const std::string key = std::string("workload.mapping.") + kind;
    const Value& v = values.at(key);
    if (v.present && !v.names.empty()) return {v.where, key};
  }
  return {values.at("workload.mapping.tensor").where, "workload.mapping"};
}

}  // namespace

void check_mesh(const Values& values, const DesignPoint& point) {
  const auto& dims = point.arch.topology.dims;
  const std::string problem = workloads::mapping_problem(point.workload.mapping, dims, point.workload);
  if (!problem.empty()) {
    const auto [where, key] = mapping_location(values);
    fail_at(where, key, problem);
  }
  std::uint64_t chips = 1;
  for (std::uint64_t d : dims) chips *= d;
  if (chips == 1) return;  // one chip: check_fits says it with the whole model's figures
  const models::SystemPlan plan = models::plan_system(point.arch, point.workload);
  if (!plan.problem.empty()) fail_at(point.hbm_capacity_location, "arch.chip.hbm.capacity", plan.problem);
}

}  // namespace pjsim::sim
