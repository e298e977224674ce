// One design point: the hardware (arch) and what it serves (workload), fully resolved.
//
// Produced by sim/config/load.h from YAML (presets, files, --set overrides); consumed by the run.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "models/arch_params.h"
#include "models/area.h"
#include "sim/config/build_serving.h"
#include "sim/config/errors.h"
#include "workloads/workload_spec.h"

namespace pjsim::sim {

struct DesignPoint {
  std::string name;                 ///< `name` key, else the file stem, else "default"
  models::ArchParams arch;
  models::AreaParams area;          ///< arch.area.*: mm^2 per unit of each component (models/area.h)
  workloads::WorkloadSpec workload;
  /// serving.*: what `pjsim serve` replays and how (not part of `resolved` or config_hash: a
  /// run's report does not depend on it; `serving_resolved` holds its resolved keys).
  ServingConfig serving;
  nlohmann::json serving_resolved;
  /// The fully resolved settings as a nested JSON tree (every schema key, defaults included,
  /// values in canonical units), written to report.json's `config`.
  nlohmann::json resolved;
  /// Stable hash of resolved.dump() (16 hex digits), written to `config_hash`.
  std::string config_hash;
  /// Where arch.chip.hbm.capacity was set, for "impossible design" errors found later.
  Location hbm_capacity_location;
  Location sram_capacity_location;
  Location cores_location;
  /// Where the HBM bandwidth and the clock were set, for "past the simulated clock" errors found
  /// after simulating (sim/run/clock_check.h).
  Location hbm_bandwidth_location;
  Location frequency_location;
};

}  // namespace pjsim::sim
