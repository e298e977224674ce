#include "sim/study/sweep.h"

#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "reports/atomic_file.h"
#include "sim/config/errors.h"
#include "sim/process/process_pool.h"
#include "sim/study/compare.h"
#include "sim/study/effects.h"
#include "sim/study/html.h"
#include "sim/study/out_lock.h"
#include "sim/study/point_pool.h"
#include "sim/study/results.h"
#include "sim/study/spec.h"

namespace pjsim::sim {

namespace {

std::string label(const Overrides& varied) {
  std::string out;
  for (const auto& o : varied) {
    const auto dot = o.key.rfind('.');
    out += (out.empty() ? "" : " ") + o.key.substr(dot == std::string::npos ? 0 : dot + 1) + "=" + o.value;
  }
  return out;
}

}  // namespace

// The summary: one line per point with the figures that show how each choice changes the
// picojoules moved per multiply.
void print_point_table(const std::vector<PointResult>& rows) {
  std::cout << fmt::format("{:<6} {:<44} {:>12} {:>11} {:>10} {:>12}\n", "point", "settings", "pJ/token", "tok/s",
                           "moved/MAC", "all-in/MAC");
  for (const auto& r : rows) {
    if (r.status != "ok") {
      std::cout << fmt::format("{:<6} {:<44} {}: {}\n", r.id, label(r.varied), r.status, r.error);
      continue;
    }
    const auto& m = r.metrics;
    std::cout << fmt::format("{:<6} {:<44} {:>12.4g} {:>11.4g} {:>8.3g}pJ {:>10.3g}pJ\n", r.id, label(r.varied),
                             m.energy_pj_per_token, m.tokens_per_second, m.movement_pj_per_mac, m.pj_per_mac_all_in);
  }
}

unsigned default_jobs(unsigned jobs) {
  if (jobs > 0) return jobs;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

int finish_status(const std::vector<PointResult>& rows) {
  if (pool_interrupted()) return exit_interrupted;
  for (const auto& r : rows)
    if (r.status != "ok") return exit_points_failed;
  return 0;
}

std::string write_study_tables(const std::filesystem::path& out, const std::function<void()>& write) {
  try {
    write();
    return "";
  } catch (const reports::WriteError& e) {
    return std::string("error: ") + e.what() + "\nerror: the results table is incomplete; every point report written is kept under " +
           (out / "points").string() + ": free space and run again with --resume\n";
  }
}

int run_sweep(const SweepOptions& options) {
  const StudySpec study = load_study(options.study.empty() ? "default" : options.study);
  const std::filesystem::path out = sweep_out(options, study);
  if (!study.candidates.empty()) {
    CompareOptions c;
    c.out = out.string();
    c.jobs = options.jobs;
    c.resume = options.resume;
    c.quiet = options.quiet;
    c.timeout_s = options.timeout_s;
    return run_compare_study(study, c);
  }

  const OutFolderLock lock(out);
  const std::vector<PointResult> rows = run_points(study_requests(study), sweep_run_options(options, study, out));
  return write_sweep_outputs(out, study, rows, "sweep", options.quiet);
}

std::filesystem::path sweep_out(const SweepOptions& options, const StudySpec& study) {
  return options.out.empty() ? std::filesystem::path("out") / study.name : std::filesystem::path(options.out);
}

RunPointsOptions sweep_run_options(const SweepOptions& options, const StudySpec& study, const std::filesystem::path& out) {
  RunPointsOptions run;
  run.out = out;
  run.jobs = default_jobs(options.jobs);
  run.resume = options.resume;
  run.drop_invalid = study.skip_invalid;
  run.timeout_s = options.timeout_s;
  return run;
}

std::vector<PointRequest> study_requests(const StudySpec& study) {
  std::vector<PointRequest> requests;
  for (const StudyPoint& p : expand_points(study)) {
    PointRequest q{p.id, study.base, to_sets(study.base_set), p.settings};
    const auto extra = to_sets(p.settings);
    q.sets.insert(q.sets.end(), extra.begin(), extra.end());
    q.sets.push_back("name=" + study.name + "-" + p.id);
    requests.push_back(q);
  }
  return requests;
}

int write_sweep_outputs(const std::filesystem::path& out, const StudySpec& study, const std::vector<PointResult>& rows,
                        const std::string& verb, bool quiet) {
  std::string html;
  const std::string write_error = write_study_tables(out, [&] {
    write_results(out, study.name, study.file, rows);
    html = write_study_html(out, study, rows);
  });

  if (!quiet) {
    print_point_table(rows);
    std::cout << effects_summary(rows);
  }
  std::size_t ok = 0;
  for (const auto& r : rows) ok += r.status == "ok";
  std::cout << fmt::format("{} {}: {} points, {} ok ({} simulated, {} reused), {} failed{}\n", verb, study.name,
                           rows.size(), ok, simulated_count(rows), ok - simulated_count(rows), rows.size() - ok,
                           pool_interrupted() ? " (interrupted: partial table)" : "");
  if (!write_error.empty()) {
    std::cout << std::flush;
    std::cerr << write_error;
    return exit_write;
  }
  std::cout << "results: " << (out / "results.csv").string() << "\n";
  if (!html.empty()) std::cout << "report: " << html << "\n";
  return finish_status(rows);
}

}  // namespace pjsim::sim
