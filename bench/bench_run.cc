#include "bench/bench_run.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace pjsim::bench {

namespace {

double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; }

// One run of the point; stdout goes to /dev/null, stderr to `err_file`.
Measurement run_once(const std::string& pjsim, const BenchPoint& point, const std::filesystem::path& out) {
  std::vector<std::string> args = {pjsim, "run", "--quiet", "--out", out.string()};
  for (const std::string& s : point.sets) {
    args.push_back("--set");
    args.push_back(s);
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::filesystem::path err_file = out / "stderr.txt";
  std::filesystem::create_directories(out);

  Measurement m;
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    const int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (null >= 0) dup2(null, STDOUT_FILENO);
    if (err >= 0) dup2(err, STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  if (pid < 0) {
    m.error = "fork failed";
    return m;
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  m.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.cpu_s = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::ifstream err(err_file);
    std::string line;
    std::getline(err, line);
    m.error = "exit status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ": " + line;
    return m;
  }
  std::ifstream in(out / "report.json");
  const auto report = nlohmann::json::parse(in);
  m.ok = true;
  m.events = report.at("simulation").at("events").get<double>();
  m.simulated_s = report.at("time").at("seconds").get<double>();
  m.cycles = report.at("time").at("cycles").get<double>();
  return m;
}

}  // namespace

Measurement measure(const std::string& pjsim, const BenchPoint& point, int repeat, const std::filesystem::path& out) {
  std::vector<Measurement> runs;
  for (int i = 0; i < std::max(repeat, 1); ++i) {
    runs.push_back(run_once(pjsim, point, out));
    if (!runs.back().ok) return runs.back();
  }
  std::sort(runs.begin(), runs.end(), [](const Measurement& a, const Measurement& b) { return a.cpu_s < b.cpu_s; });
  return runs[runs.size() / 2];
}

}  // namespace pjsim::bench
