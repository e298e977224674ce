// A local pool of child processes: runs `pjsim` commands (one design point each, since SystemC
// elaborates once per process) with at most N at a time, and survives their failures and Ctrl-C.
//
// Example:
//   std::vector<Job> jobs = {{"p000", {"run", "--quiet", "--set", "workload.batch=8", "--out", "o/p000"},
//                             "o/p000/log.txt"}};
//   auto outcomes = run_pool(jobs, {2, nullptr});   // outcomes[0].status == JobStatus::ok
// Each child runs /proc/self/exe with its stdin on /dev/null and its stdout and stderr in the
// job's log file. Exit 0 -> ok, 2 -> user_error, 4 -> write_error (a report could not be written:
// full disk, file size limit), other codes -> internal_error, a signal -> crashed. A job running
// longer than `timeout_s` is killed (SIGKILL) and becomes timed_out; a job that cannot be started
// (its log cannot be created, say, on a full disk) becomes write_error with the reason in
// `error`, and the others go on. SIGINT, SIGTERM, SIGHUP or SIGPIPE to the parent (Ctrl-C; kill;
// Slurm at a task's time limit; a closed terminal; a reader of the progress that stopped reading)
// stops launching, sends SIGTERM to the running children, waits for them (they become
// `interrupted`) and returns; jobs never started are `not_run`.
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

enum class JobStatus { ok, user_error, internal_error, write_error, crashed, timed_out, interrupted, not_run };
/// "ok", "error", "internal", "io", "crash", "timeout", "interrupted", "not run"
const char* to_string(JobStatus s);

struct JobOutcome {
  JobStatus status = JobStatus::not_run;
  int exit_code = -1;  ///< when the child exited
  int signal = 0;      ///< when a signal ended it
  std::string error;   ///< why the job could not be started, when it could not
};

struct PoolOptions {
  unsigned jobs = 1;       ///< children at a time (>= 1)
  double timeout_s = 0;    ///< wall seconds a job may run before it is killed; 0 = no limit
  /// Called in the parent after each job ends, with its index and how many have ended so far.
  std::function<void(std::size_t index, const JobOutcome&, std::size_t done)> on_done;
};

/// Runs every job (in order of index, `jobs` at a time) and returns one outcome per job.
std::vector<JobOutcome> run_pool(const std::vector<Job>& jobs, const PoolOptions& options);

/// True once SIGINT, SIGTERM, SIGHUP or SIGPIPE arrived during run_pool (the caller then writes its partial results).
bool pool_interrupted();

/// Path of the running executable (/proc/self/exe resolved).
std::string self_executable();

}  // namespace pjsim::sim
