// Runs many design points, each in its own `pjsim run` process, for sweeps and comparisons.
//
// Example:
//   std::vector<PointRequest> reqs = {{"p000", "", {"workload.batch=8"}, {{"workload.batch", "8"}}}};
//   auto results = run_points(reqs, {"out/study", 2, false});
//   results[0].status == "ok"; results[0].metrics.energy_pj_per_token > 0;
//   // out/study/points/p000/{report.json, report.md, report.csv, ledger.csv, log.txt} (+ report.html with html)
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
  std::vector<Location> set_locations{};  ///< where each of `sets` was written (LoadRequest::set_locations)
  bool serve = false;             ///< a served point: the child runs `pjsim serve` and writes serve.json
};

struct PointResult {
  std::string id;
  Overrides varied;
  /// "ok", "skipped" (invalid, with skip_invalid), "error", "internal", "io", "crash", "timeout",
  /// "interrupted", "not run"
  std::string status;
  std::string error;        ///< one line, for every status but ok (without an "error: " prefix)
  std::string note;         ///< what --resume found and did about it (a corrupt report), or empty
  std::string config_hash;  ///< empty when the point did not load; a served point's serve_hash (config + serving keys)
  int exit_code = -1;
  int signal = 0;
  bool resumed = false;     ///< read back from an earlier run (--resume)
  std::string report;       ///< "points/<id>/report.json" (serve.json for a served point) when written
  reports::PointMetrics metrics;
  nlohmann::json config;    ///< the report's resolved config (for plots); null without a report
};

struct RunPointsOptions {
  std::filesystem::path out;  ///< points go to out/points/<id>/
  unsigned jobs = 1;
  bool resume = false;
  bool skip_invalid = false;  ///< a point that fails to load is "skipped" (with its reason), not an error
  bool html = false;          ///< each point writes its report.html too (`--html`)
  bool quiet = false;         ///< no progress
  double timeout_s = 0;       ///< wall seconds per point before it is killed; 0 = no limit
};

std::vector<PointResult> run_points(const std::vector<PointRequest>& requests, const RunPointsOptions& options);

/// How many results have status "ok" and were simulated now (not resumed).
std::size_t simulated_count(const std::vector<PointResult>& results);

/// The progress line of a pool: "[12/62]  19 %  elapsed 0:03  eta 0:13  failed 1".
std::string progress_line(std::size_t done, std::size_t total, std::size_t failed, double elapsed_s);
/// "0:07", "12:05", "1:02:03".
std::string clock_text(double seconds);

}  // namespace pjsim::sim
