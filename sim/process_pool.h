// A local pool of child processes: runs `pjsim` commands (one design point each, since SystemC
// elaborates once per process) with at most N at a time, and survives their failures and Ctrl-C.
//
// Example:
//   std::vector<Job> jobs = {{"p000", {"run", "--quiet", "--set", "workload.batch=8", "--out", "o/p000"},
//                             "o/p000/log.txt"}};
//   auto outcomes = run_pool(jobs, {2, nullptr});   // outcomes[0].status == JobStatus::ok
// Each child runs /proc/self/exe with its stdin on /dev/null and its stdout and stderr in the
// job's log file. Exit 0 -> ok, 2 -> user_error, other codes -> internal_error, a signal ->
// crashed. SIGINT to the parent stops launching, sends SIGTERM to the running children, waits for
// them (they become `interrupted`) and returns; jobs never started are `not_run`.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace pjsim::sim {

struct Job {
  std::string id;
  std::vector<std::string> args;   ///< arguments after the program name
  std::filesystem::path log;       ///< stdout and stderr of the child (parent folders are created)
};

enum class JobStatus { ok, user_error, internal_error, crashed, interrupted, not_run };
const char* to_string(JobStatus s);  ///< "ok", "error", "internal", "crash", "interrupted", "not run"

struct JobOutcome {
  JobStatus status = JobStatus::not_run;
  int exit_code = -1;  ///< when the child exited
  int signal = 0;      ///< when a signal ended it
};

struct PoolOptions {
  unsigned jobs = 1;  ///< children at a time (>= 1)
  /// Called in the parent after each job ends, with its index and how many have ended so far.
  std::function<void(std::size_t index, const JobOutcome&, std::size_t done)> on_done;
};

/// Runs every job (in order of index, `jobs` at a time) and returns one outcome per job.
std::vector<JobOutcome> run_pool(const std::vector<Job>& jobs, const PoolOptions& options);

/// True once SIGINT arrived during run_pool (the caller then writes its partial results).
bool pool_interrupted();

/// Path of the running executable (/proc/self/exe resolved).
std::string self_executable();

}  // namespace pjsim::sim
