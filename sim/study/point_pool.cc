#include "sim/study/point_pool.h"

#include <unistd.h>

#include <chrono>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "sim/config/errors.h"
#include "sim/process/process_pool.h"
#include "sim/run/plan.h"
#include "sim/study/point_report.h"

namespace pjsim::sim {

namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The error a failed child printed: its last non-empty line, without the "error: " that the
// row's status already says ("error: --set: ..." -> "--set: ...").
std::string last_line(const fs::path& log) {
  std::istringstream in(read_all(log));
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  const std::string prefix = "error: ";
  return last.rfind(prefix, 0) == 0 ? last.substr(prefix.size()) : last;
}

void write_log(const fs::path& log, const std::string& text) {
  std::error_code ec;
  fs::create_directories(log.parent_path(), ec);
  std::ofstream(log) << text << "\n";
}

enum class ReportState { missing, ok, stale, corrupt };

// Reads points/<id>/report.json back (sim/study/report_file.h: regular files of bounded size,
// bounded JSON, this schema, the headline figures as numbers). `why` says what is wrong with a
// corrupt one: a report that does not parse (truncated, say), is not a file, or lacks figures.
// A served point's serve.json likewise (sim/study/point_report.h), matched by its serve_hash.
ReportState read_report(PointResult& r, const fs::path& out, bool serve, std::string& why) {
  const fs::path json = out / r.report;
  std::error_code ec;
  if (fs::symlink_status(json, ec).type() == fs::file_type::not_found) return ReportState::missing;
  nlohmann::json report;
  why = point_file_problem(json, serve, report);
  if (!why.empty()) return ReportState::corrupt;
  r.metrics = point_metrics(report, serve);
  r.config = report.value("config", nlohmann::json());
  return report_hash(report, serve) == r.config_hash ? ReportState::ok : ReportState::stale;
}

// --resume found a corrupt report: keep its bytes beside it (report.json.corrupt, or .corrupt.1,
// .corrupt.2, ... when earlier ones are there: none is overwritten) for a look, say so, and let the
// point be simulated again. When it cannot be moved, the note says so instead of naming a copy.
void set_aside_corrupt(PointResult& r, const fs::path& out, const std::string& why) {
  const fs::path json = out / r.report;
  std::error_code ec;
  fs::path kept = json;
  kept += ".corrupt";
  for (int n = 1; fs::symlink_status(kept, ec).type() != fs::file_type::not_found && n < 1000; ++n) {
    kept = json;
    kept += ".corrupt." + std::to_string(n);
  }
  fs::rename(json, kept, ec);
  const std::string fate = ec ? "it could not be set aside (" + ec.message() + ") and is" : "kept as " + kept.filename().string() + "; it is";
  r.note = "resume: " + r.report + " was corrupt (" + why + "); " + fate + " simulated again";
  std::cerr << r.id << ": " << r.note << "\n";
}

std::string signal_name(int signal) {
  const char* name = strsignal(signal);
  return fmt::format("signal {} ({})", signal, name ? name : "unknown");
}

// Progress on stderr: a redrawn line on a terminal, one line per finished point otherwise (logs,
// CI), each with done/total, elapsed time and the time left at the rate so far. Nothing when quiet.
class Progress {
 public:
  Progress(std::size_t total, bool quiet)
      : total_(total), quiet_(quiet), tty_(isatty(fileno(stderr)) != 0), start_(std::chrono::steady_clock::now()) {}
  void update(const std::string& id, const std::string& status, std::size_t done, std::size_t failed) {
    if (quiet_) return;
    const std::string line = progress_line(done, total_, failed, seconds_since(start_));
    if (tty_) std::cerr << "\r" << line << "  " << (done == total_ ? "\n" : "") << std::flush;
    else std::cerr << line << "  " << id << " " << status << "\n";
  }

 private:
  static double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  }
  std::size_t total_;
  bool quiet_, tty_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

std::string progress_line(std::size_t done, std::size_t total, std::size_t failed, double elapsed_s) {
  const double left = done > 0 && done < total ? elapsed_s / static_cast<double>(done) * static_cast<double>(total - done) : 0.0;
  const std::string width = std::to_string(std::to_string(total).size());
  return fmt::format("[{:>" + width + "}/{}] {:3.0f} %  elapsed {}  eta {}{}", done, total,
                     total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0, clock_text(elapsed_s),
                     done < total ? clock_text(left) : "0:00", failed ? fmt::format("  failed {}", failed) : "");
}

std::string clock_text(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60) : fmt::format("{}:{:02}", s / 60, s % 60);
}

std::size_t simulated_count(const std::vector<PointResult>& results) {
  std::size_t n = 0;
  for (const auto& r : results) n += r.status == "ok" && !r.resumed;
  return n;
}

std::vector<PointResult> run_points(const std::vector<PointRequest>& requests, const RunPointsOptions& options) {
  std::vector<PointResult> results(requests.size());
  std::vector<Job> jobs;
  std::vector<std::size_t> job_point;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const PointRequest& q = requests[i];
    PointResult& r = results[i];
    r.id = q.id;
    r.varied = q.varied;
    r.report = (fs::path("points") / q.id / point_report_name(q.serve)).string();
    const fs::path dir = options.out / "points" / q.id;
    try {
      LoadRequest load;
      load.point_file = q.base;
      load.sets = q.sets;
      load.set_locations = q.set_locations;
      r.config_hash = point_hash(load_valid_point(load), q.serve);
    } catch (const UserError& e) {
      r.status = options.skip_invalid ? "skipped" : "error";
      r.error = e.what();
      r.report.clear();
      if (!options.skip_invalid) write_log(dir / "log.txt", std::string("error: ") + r.error);
      continue;
    }
    if (options.resume) {
      std::string why;
      const ReportState state = read_report(r, options.out, q.serve, why);
      if (state == ReportState::ok) {
        r.status = "ok";
        r.resumed = true;
        continue;
      }
      if (state == ReportState::corrupt) set_aside_corrupt(r, options.out, why);
    }
    std::vector<std::string> args = {q.serve ? "serve" : "run"};
    if (!q.base.empty()) args.push_back(q.base);
    for (const std::string& s : q.sets) args.insert(args.end(), {"--set", s});
    args.insert(args.end(), {"--out", dir.string(), "--quiet"});
    if (q.serve) args.insert(args.end(), {"--jobs", "1"});  // the pool's -j already fills the cores
    else if (!options.html) args.push_back("--no-html");    // serve always writes serve.html
    jobs.push_back({q.id, args, dir / "log.txt"});
    job_point.push_back(i);
  }

  Progress progress(jobs.size(), options.quiet);
  std::size_t failed = 0;
  PoolOptions pool;
  pool.jobs = options.jobs;
  pool.timeout_s = options.timeout_s;
  pool.on_done = [&](std::size_t j, const JobOutcome& o, std::size_t done) {
    failed += o.status != JobStatus::ok;
    progress.update(jobs[j].id, to_string(o.status), done, failed);
  };
  const std::vector<JobOutcome> outcomes = run_pool(jobs, pool);

  for (std::size_t j = 0; j < jobs.size(); ++j) {
    PointResult& r = results[job_point[j]];
    const JobOutcome& o = outcomes[j];
    r.status = to_string(o.status);
    r.exit_code = o.exit_code;
    r.signal = o.signal;
    std::string why;
    const bool serve = requests[job_point[j]].serve;
    if (o.status == JobStatus::ok && read_report(r, options.out, serve, why) != ReportState::ok) {
      r.status = "internal";
      r.error = serve ? "the serve exited 0 but left no serve.json with the expected serve_hash"
                      : "the run exited 0 but left no report.json with the expected config_hash";
    } else if (o.status == JobStatus::crashed) {
      r.error = fmt::format("killed by {}: {}", signal_name(o.signal), last_line(jobs[j].log));
    } else if (o.status == JobStatus::timed_out) {
      r.error = fmt::format("killed after {:g} s (--timeout)", options.timeout_s);
    } else if (o.status == JobStatus::not_run) {
      r.error = "not run (interrupted)";
    } else if (o.status == JobStatus::interrupted) {
      r.error = "stopped when the sweep was interrupted; --resume runs it again";
    } else if (o.status != JobStatus::ok) {
      r.error = o.error.empty() ? last_line(jobs[j].log) : o.error;
      if (r.error.empty())  // a full disk can swallow the log too
        r.error = fmt::format("exited with code {} and left no message in {}{}", o.exit_code, jobs[j].log.string(),
                              o.status == JobStatus::write_error ? " (a report could not be written: is the disk full?)" : "");
    }
    if (r.status != "ok") r.report.clear();
  }
  return results;
}

}  // namespace pjsim::sim
