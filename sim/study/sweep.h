// `pjsim sweep [STUDY]`: runs every point of a study (sim/study/spec.h) in a local process pool
// and writes the results table, each point's reports and the study's report.html.
//
// Example: pjsim sweep studies/batching.yaml -j 2 --out out/batching
//   out/batching/results.csv, results.json   one row per point, failures and skipped points included
//   out/batching/points/p000/report.json ...  each point's reports and log.txt (report.html with --html)
//   out/batching/report.html                  frontier, tiers, energy/token vs batch, the points
// Without --out: out/sweep/<study>. A folder holding a run or a comparison is refused without
// --force (sim/run/out_folder.h).
// With no STUDY, the embedded `default` study (studies/default.yaml) runs. A study with
// `compare:` runs as `pjsim compare` does. Exit: 0 every point ok, 3 some point failed (see the
// table), 2 a bad study file, 4 the results table could not be written (the points' reports are
// kept: run again with --resume), 130 interrupted (the partial table is written).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sim/study/point_pool.h"
#include "sim/study/spec.h"

namespace pjsim::sim {

struct SweepOptions {
  std::string study;     ///< file or embedded study name; empty = "default"
  std::string out;       ///< default: out/sweep/<study name>
  unsigned jobs = 0;     ///< 0 = number of cores
  bool resume = false;   ///< reuse points whose report.json matches the config hash
  bool quiet = false;    ///< print only errors and the report path
  bool html = false;     ///< each point writes its report.html too
  bool force = false;    ///< write into a folder that holds another command's output
  double timeout_s = 0;  ///< wall seconds per point before it is killed; 0 = no limit
  std::string shard;     ///< "I/N": only the points whose index % N == I (sim/cluster/shard.h)
};

int run_sweep(const SweepOptions& options);

/// The folder a sweep of `study` writes: --out, else out/sweep/<study name>.
std::filesystem::path sweep_out(const SweepOptions& options, const StudySpec& study);
/// How a sweep runs its points into `out`: -j, --resume, --timeout and the study's skip_invalid.
RunPointsOptions sweep_run_options(const SweepOptions& options, const StudySpec& study, const std::filesystem::path& out);

/// One request per point of a study, in expand_points() order: the base, `set:`, the point's
/// settings, then name=<study>-<id>.
std::vector<PointRequest> study_requests(const StudySpec& study);
/// Writes results.csv, results.json and report.html into out, prints the per-point table, the
/// effects and "<verb> <study>: N points, ..." (quiet: only failed points and the report path)
/// and returns the exit code. `pjsim sweep` and `pjsim merge` both end here, so the same rows
/// give the same files.
int write_sweep_outputs(const std::filesystem::path& out, const StudySpec& study, const std::vector<PointResult>& rows,
                        const std::string& verb, bool quiet);
/// The per-point table of a sweep (aligned, units by si_format): settings, J/token, latency per
/// token, tokens/s, power, pJ moved and all in per MAC; then the failed points with their
/// errors and how many were skipped.
void print_point_table(const std::vector<PointResult>& rows);
/// One line per point that failed (not ok, not skipped), "p003: error: <reason>", on stderr.
void print_failures(const std::vector<PointResult>& rows);

/// Exit code of a sweep or comparison: 130 when interrupted, 3 when a point failed, else 0.
constexpr int exit_points_failed = 3;
constexpr int exit_interrupted = 130;

/// `jobs`, or the number of cores when 0.
unsigned default_jobs(unsigned jobs);
/// 130 when SIGINT stopped the pool, 3 when a point is not ok, else 0.
int finish_status(const std::vector<PointResult>& rows);

/// Runs `write` (which writes a study's tables) and returns "" or, on a WriteError (a full disk,
/// say), the lines to print: the error, what is kept and how to finish.
std::string write_study_tables(const std::filesystem::path& out, const std::function<void()>& write);

}  // namespace pjsim::sim
