#include "sim/study/sweep.h"

#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "reports/atomic_file.h"
#include "reports/si_format.h"
#include "reports/text_table.h"
#include "sim/config/errors.h"
#include "sim/process/process_pool.h"
#include "sim/run/out_folder.h"
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

bool failed(const PointResult& r) { return r.status != "ok" && r.status != "skipped"; }

// "error: <reason>", or the reason alone when it already starts with the status ("not run: ...").
std::string status_and_error(const PointResult& r) {
  return r.error.rfind(r.status, 0) == 0 ? r.error : r.status + ": " + r.error;
}

}  // namespace

// Served points: what a deployment is judged by (serve.json `metrics`).
static reports::TextTable serve_table(const std::vector<PointResult>& rows) {
  using reports::Align;
  using reports::si_format;
  reports::TextTable table({{"point"}, {"settings"}, {"J/out token", Align::right}, {"out tok/s", Align::right},
                            {"TTFT p50", Align::right}, {"TTFT p99", Align::right}, {"TPOT p50", Align::right},
                            {"TPOT p99", Align::right}, {"goodput", Align::right}, {"power", Align::right}});
  for (const auto& r : rows) {
    if (r.status != "ok" || !r.metrics.serve) continue;
    const auto& s = *r.metrics.serve;
    table.add({r.id, label(r.varied), si_format(s.energy_per_output_token_joules, "J"), si_format(s.output_tokens_per_second, "tok/s"),
               si_format(s.median_ttft_ms * 1e-3, "s"), si_format(s.p99_ttft_ms * 1e-3, "s"), si_format(s.median_tpot_ms * 1e-3, "s"),
               si_format(s.p99_tpot_ms * 1e-3, "s"), fmt::format("{:.3g} req/s", s.goodput_requests_per_second),
               si_format(r.metrics.avg_power_watts, "W")});
  }
  return table;
}

void print_point_table(const std::vector<PointResult>& rows) {
  using reports::Align;
  using reports::si_format;
  reports::TextTable table({{"point"}, {"settings"}, {"J/token", Align::right}, {"latency/token", Align::right},
                            {"tok/s", Align::right}, {"power", Align::right}, {"moved/MAC", Align::right}, {"all-in/MAC", Align::right}});
  std::size_t skipped = 0;
  for (const auto& r : rows) {
    skipped += r.status == "skipped";
    if (r.status != "ok" || r.metrics.serve) continue;
    const auto& m = r.metrics;
    table.add({r.id, label(r.varied), si_format(m.energy_per_token_joules, "J"), si_format(m.latency_per_token_s(), "s"),
               si_format(m.tokens_per_second, "tok/s"), si_format(m.avg_power_watts, "W"), si_format(m.movement_pj_per_mac * 1e-12, "J"),
               si_format(m.pj_per_mac_all_in * 1e-12, "J")});
  }
  if (!table.empty()) std::cout << table.render();
  if (const auto served = serve_table(rows); !served.empty()) std::cout << served.render();
  for (const auto& r : rows)
    if (failed(r)) std::cout << fmt::format("{}  {}  {}\n", r.id, label(r.varied), status_and_error(r));
  if (skipped) std::cout << fmt::format("{} point(s) skipped (invalid, skip_invalid): their reasons are in results.csv and report.html\n", skipped);
}

void print_failures(const std::vector<PointResult>& rows) {
  for (const auto& r : rows)  // points not run (interrupted, a shard not finished) are summed up by the caller
    if (failed(r) && r.status != "not run" && r.status != "interrupted") std::cerr << r.id << ": " << status_and_error(r) << "\n";
}

unsigned default_jobs(unsigned jobs) {
  if (jobs > 0) return jobs;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

int finish_status(const std::vector<PointResult>& rows) {
  if (pool_interrupted()) return exit_interrupted;
  for (const auto& r : rows)
    if (failed(r)) return exit_points_failed;
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
  if (!study.candidates.empty()) {
    CompareOptions c;
    c.out = options.out.empty() ? default_out("compare", study.name).string() : options.out;
    c.jobs = options.jobs;
    c.resume = options.resume;
    c.quiet = options.quiet;
    c.html = options.html;
    c.force = options.force;
    c.timeout_s = options.timeout_s;
    return run_compare_study(study, c);
  }
  const std::filesystem::path out = sweep_out(options, study);
  check_out_folder(out, OutKind::study, options.force);

  const OutFolderLock lock(out);
  const std::vector<PointResult> rows = run_points(study_requests(study), sweep_run_options(options, study, out));
  return write_sweep_outputs(out, study, rows, "sweep", options.quiet);
}

std::filesystem::path sweep_out(const SweepOptions& options, const StudySpec& study) {
  return options.out.empty() ? default_out("sweep", study.name) : std::filesystem::path(options.out);
}

RunPointsOptions sweep_run_options(const SweepOptions& options, const StudySpec& study, const std::filesystem::path& out) {
  RunPointsOptions run;
  run.out = out;
  run.jobs = default_jobs(options.jobs);
  run.resume = options.resume;
  run.skip_invalid = study.skip_invalid;
  run.timeout_s = options.timeout_s;
  run.html = options.html;
  run.quiet = options.quiet;
  return run;
}

std::vector<PointRequest> study_requests(const StudySpec& study) {
  std::vector<PointRequest> requests;
  for (const StudyPoint& p : expand_points(study)) {
    PointRequest q{p.id, study.base, to_sets(study.base_set), shown_overrides(p.settings), set_locations(study.base_set)};
    q.serve = study.command == "serve";
    const auto extra = to_sets(p.settings);
    q.sets.insert(q.sets.end(), extra.begin(), extra.end());
    q.sets.push_back("name=" + study.name + "-" + p.id);
    // Errors about a study's settings name the study file's line, not "--set".
    const auto where = set_locations(p.settings);
    q.set_locations.insert(q.set_locations.end(), where.begin(), where.end());
    q.set_locations.push_back(Location{study.file});
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
    if (study.command != "serve") std::cout << effects_summary(rows);  // pJ moved per MAC: run points only
  } else {
    print_failures(rows);
  }
  std::size_t ok = 0, skipped = 0;
  for (const auto& r : rows) {
    ok += r.status == "ok";
    skipped += r.status == "skipped";
  }
  const std::string summary = fmt::format("{} {}: {} points, {} ok ({} simulated, {} reused), {} failed, {} skipped{}\n", verb,
                                          study.name, rows.size(), ok, simulated_count(rows), ok - simulated_count(rows),
                                          rows.size() - ok - skipped, skipped, pool_interrupted() ? " (interrupted: partial table)" : "");
  if (!quiet) std::cout << summary;
  else if (pool_interrupted()) std::cerr << summary;  // quiet, but an interruption is worth a line
  if (!write_error.empty()) {
    std::cout << std::flush;
    std::cerr << write_error;
    return exit_write;
  }
  if (!quiet) std::cout << "results: " << (out / "results.csv").string() << "\n";
  if (!html.empty()) std::cout << "report: " << html << "\n";
  return finish_status(rows);
}

}  // namespace pjsim::sim
