#include "sim/sweep.h"

#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "sim/compare.h"
#include "sim/point_runner.h"
#include "sim/process_pool.h"
#include "sim/study_html.h"
#include "sim/study_spec.h"
#include "sim/sweep_effects.h"
#include "sim/sweep_results.h"

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

// The summary: one line per point with the figures that show how each choice changes the
// picojoules moved per multiply.
void print_summary(const std::vector<PointResult>& rows) {
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

}  // namespace

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

int run_sweep(const SweepOptions& options) {
  const StudySpec study = load_study(options.study.empty() ? "default" : options.study);
  const std::filesystem::path out =
      options.out.empty() ? std::filesystem::path("out") / study.name : std::filesystem::path(options.out);
  if (!study.candidates.empty()) {
    CompareOptions c;
    c.out = out.string();
    c.jobs = options.jobs;
    c.resume = options.resume;
    c.quiet = options.quiet;
    return run_compare_study(study, c);
  }

  std::vector<PointRequest> requests;
  for (const StudyPoint& p : expand_points(study)) {
    PointRequest q{p.id, study.base, to_sets(study.base_set), p.settings};
    const auto extra = to_sets(p.settings);
    q.sets.insert(q.sets.end(), extra.begin(), extra.end());
    q.sets.push_back("name=" + study.name + "-" + p.id);
    requests.push_back(q);
  }
  RunPointsOptions run;
  run.out = out;
  run.jobs = default_jobs(options.jobs);
  run.resume = options.resume;
  run.drop_invalid = study.skip_invalid;
  const std::vector<PointResult> rows = run_points(requests, run);
  write_results(out, study.name, study.file, rows);
  const std::string html = write_study_html(out, study, rows);

  if (!options.quiet) {
    print_summary(rows);
    std::cout << effects_summary(rows);
  }
  std::size_t ok = 0;
  for (const auto& r : rows) ok += r.status == "ok";
  std::cout << fmt::format("sweep {}: {} points, {} ok ({} simulated, {} reused), {} failed{}\n", study.name,
                           rows.size(), ok, simulated_count(rows), ok - simulated_count(rows), rows.size() - ok,
                           pool_interrupted() ? " (interrupted: partial table)" : "");
  std::cout << "results: " << (out / "results.csv").string() << "\n";
  if (!html.empty()) std::cout << "report: " << html << "\n";
  return finish_status(rows);
}

}  // namespace pjsim::sim
