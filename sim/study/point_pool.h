// Runs many design points, each in its own `pjsim run` process, for sweeps and comparisons.
//
// Example:
//   std::vector<PointRequest> reqs = {{"p000", "", {"workload.batch=8"}, {{"workload.batch", "8"}}}};
//   auto results = run_points(reqs, {"out/study", 2, false});
//   results[0].status == "ok"; results[0].metrics.energy_pj_per_token > 0;
//   // out/study/points/p000/{report.json, report.md, report.csv, report.html, log.txt}
// Each point is first loaded in this process (no SystemC: load_design_point only) to get its
// config hash and to record an invalid point's error without spawning anything. With `resume`,
// a point whose points/<id>/report.json holds the same config_hash is read back, not simulated;
// a report.json that does not parse or lacks its figures is moved to report.json.corrupt, said
// on stderr and in the row's `note`, and the point is simulated again. A point killed by a
// signal, past `timeout_s`, or unable to write its report (status "io") is recorded as such and
// the others go on.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/point_metrics.h"
#include "sim/study/spec.h"

namespace pjsim::sim {

struct PointRequest {
  std::string id;
  std::string base;               ///< LoadRequest::point_file
  std::vector<std::string> sets;  ///< every override, in order
  Overrides varied;               ///< the settings that identify the point in tables
};

struct PointResult {
  std::string id;
  Overrides varied;
  /// "ok", "error", "internal", "io", "crash", "timeout", "interrupted", "not run"
  std::string status;
  std::string error;        ///< one line, for every status but ok
  std::string note;         ///< what --resume found and did about it (a corrupt report), or empty
  std::string config_hash;  ///< empty when the point did not load
  int exit_code = -1;
  int signal = 0;
  bool resumed = false;     ///< read back from an earlier run (--resume)
  std::string report;       ///< "points/<id>/report.json" when written
  reports::PointMetrics metrics;
  nlohmann::json config;    ///< the report's resolved config (for plots); null without a report
};

struct RunPointsOptions {
  std::filesystem::path out;  ///< points go to out/points/<id>/
  unsigned jobs = 1;
  bool resume = false;
  bool drop_invalid = false;  ///< leave out points that fail to load instead of recording their error
  double timeout_s = 0;       ///< wall seconds per point before it is killed; 0 = no limit
};

std::vector<PointResult> run_points(const std::vector<PointRequest>& requests, const RunPointsOptions& options);

/// How many results have status "ok" and were simulated now (not resumed).
std::size_t simulated_count(const std::vector<PointResult>& results);

}  // namespace pjsim::sim
