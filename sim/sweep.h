// `pjsim sweep [STUDY]`: runs every point of a study (sim/study_spec.h) in a local process pool
// and writes the results table, each point's reports and the study's report.html.
//
// Example: pjsim sweep studies/batching.yaml -j 2 --out out/batching
//   out/batching/results.csv, results.json   one row per point, failures included
//   out/batching/points/p000/report.json ...  each point's reports and log.txt
//   out/batching/report.html                  Pareto frontier, tiers, energy/token vs batch
// With no STUDY, the embedded `default` study (studies/default.yaml) runs. A study with
// `compare:` runs as `pjsim compare` does. Exit: 0 every point ok, 3 some point failed (see the
// table), 2 a bad study file, 130 interrupted (the partial table is written).
#pragma once

#include <string>
#include <vector>

#include "sim/point_runner.h"

namespace pjsim::sim {

struct SweepOptions {
  std::string study;     ///< file or embedded study name; empty = "default"
  std::string out;       ///< default: out/<study name>
  unsigned jobs = 0;     ///< 0 = number of cores
  bool resume = false;   ///< reuse points whose report.json matches the config hash
  bool quiet = false;    ///< no summary table
};

int run_sweep(const SweepOptions& options);

/// Exit code of a sweep or comparison: 130 when interrupted, 3 when a point failed, else 0.
constexpr int exit_points_failed = 3;
constexpr int exit_interrupted = 130;

/// `jobs`, or the number of cores when 0.
unsigned default_jobs(unsigned jobs);
/// 130 when SIGINT stopped the pool, 3 when a point is not ok, else 0.
int finish_status(const std::vector<PointResult>& rows);

}  // namespace pjsim::sim
