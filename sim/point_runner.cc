#include "sim/point_runner.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "sim/config.h"
#include "sim/errors.h"
#include "sim/process_pool.h"

namespace pjsim::sim {

namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The error a failed child printed: its last non-empty line ("error: ...").
std::string last_line(const fs::path& log) {
  std::istringstream in(read_all(log));
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  return last;
}

void write_log(const fs::path& log, const std::string& text) {
  std::error_code ec;
  fs::create_directories(log.parent_path(), ec);
  std::ofstream(log) << text << "\n";
}

bool read_report(PointResult& r, const fs::path& out) {
  const fs::path json = out / r.report;
  std::error_code ec;
  if (!fs::exists(json, ec)) return false;
  try {
    const nlohmann::json report = nlohmann::json::parse(read_all(json));
    r.metrics = reports::metrics_of(report);
    r.config = report.value("config", nlohmann::json());
    return report.value("config_hash", "") == r.config_hash;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

// Progress: a redrawn bar on a terminal, plain lines otherwise (logs, CI).
class Progress {
 public:
  explicit Progress(std::size_t total) : total_(total), tty_(isatty(fileno(stderr)) != 0) {}
  void update(const std::string& id, const std::string& status, std::size_t done, std::size_t failed) {
    if (!tty_) {
      std::cerr << fmt::format("[{:>{}}/{}] {} {}\n", done, std::to_string(total_).size(), total_, id, status);
      return;
    }
    const std::size_t width = 30, filled = total_ ? width * done / total_ : width;
    std::cerr << fmt::format("\r[{}{}] {}/{}  failed {}", std::string(filled, '#'), std::string(width - filled, ' '),
                             done, total_, failed)
              << (done == total_ ? "\n" : "") << std::flush;
  }

 private:
  std::size_t total_;
  bool tty_;
};

}  // namespace

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
    r.report = (fs::path("points") / q.id / "report.json").string();
    const fs::path dir = options.out / "points" / q.id;
    try {
      LoadRequest load;
      load.point_file = q.base;
      load.sets = q.sets;
      r.config_hash = load_design_point(load).config_hash;
    } catch (const UserError& e) {
      r.status = "error";
      r.error = std::string("error: ") + e.what();
      r.report.clear();
      if (!options.drop_invalid) write_log(dir / "log.txt", r.error);
      continue;
    }
    if (options.resume && read_report(r, options.out)) {
      r.status = "ok";
      r.resumed = true;
      continue;
    }
    std::vector<std::string> args = {"run"};
    if (!q.base.empty()) args.push_back(q.base);
    for (const std::string& s : q.sets) args.insert(args.end(), {"--set", s});
    args.insert(args.end(), {"--out", dir.string(), "--quiet"});
    jobs.push_back({q.id, args, dir / "log.txt"});
    job_point.push_back(i);
  }

  if (options.drop_invalid) {  // drop before numbering jobs: job_point indexes results
    std::vector<PointResult> kept;
    std::vector<std::size_t> remap(results.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
      remap[i] = kept.size();
      if (results[i].status != "error") kept.push_back(results[i]);
    }
    for (auto& index : job_point) index = remap[index];
    results = kept;
  }

  Progress progress(jobs.size());
  std::size_t failed = 0;
  PoolOptions pool;
  pool.jobs = options.jobs;
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
    if (o.status == JobStatus::ok && !read_report(r, options.out)) {
      r.status = "internal";
      r.error = "the run exited 0 but left no report.json with the expected config_hash";
    } else if (o.status == JobStatus::crashed) {
      r.error = fmt::format("crashed with signal {}: {}", o.signal, last_line(jobs[j].log));
    } else if (o.status != JobStatus::ok) {
      r.error = o.status == JobStatus::not_run ? "not run (interrupted)" : last_line(jobs[j].log);
    }
    if (r.status != "ok") r.report.clear();
  }
  return results;
}

}  // namespace pjsim::sim
