#include "sim/config/mapping_check.h"

#include "workloads/mapping.h"

namespace pjsim::sim {

namespace {

// The mapping key a problem is about: the first one written, else the workload section.
std::pair<Location, std::string> mapping_location(const Values& values) {
  for (const char* kind : {"hidden", "gathered", "tensor", "pipeline", "data", "expert", "context"}) {
    const std::string key = std::string("workload.mapping.") + kind;
    const Value& v = values.at(key);
    if (v.present && !v.names.empty()) return {v.where, key};
  }
  return {values.at("workload.mapping.tensor").where, "workload.mapping"};
}

}  // namespace

void check_mapping(const Values& values, const DesignPoint& point) {
  const workloads::MixedProblem mixed =
      workloads::mixed_problem(point.workload.mapping, point.arch.topology.dims, point.workload);
  if (!mixed.problem.empty()) {
    const std::string key = "workload.mapping." + mixed.key;
    const Value& v = values.at(key);
    fail_at(v.present ? v.where : values.at("workload.chunks").where, v.present ? key : "workload.chunks", mixed.problem);
  }
  const std::string problem =
      workloads::mapping_problem(point.workload.mapping, point.arch.topology.dims, point.workload);
  if (problem.empty()) return;
  if (problem == workloads::microbatch_problem(point.workload.mapping, point.arch.topology.dims, point.workload)) {
    const Value& v = values.at("workload.mapping.microbatches");
    fail_at(v.present ? v.where : values.at("workload.batch").where, v.present ? "workload.mapping.microbatches" : "workload.batch",
            problem);
  }
  if (problem == workloads::attention_problem(point.workload.mapping, point.arch.topology.dims, point.workload)) {
    const Value& v = values.at("workload.mapping.attention");
    if (v.present) fail_at(v.where, "workload.mapping.attention", problem);
  }
  const auto [where, key] = mapping_location(values);
  fail_at(where, key, problem);
}

}  // namespace pjsim::sim
