#include "sim/process/process_pool.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace pjsim::sim {

namespace {

volatile sig_atomic_t g_interrupted = 0;

extern "C" void on_stop_signal(int) { g_interrupted = 1; }

// The signals that stop a pool: SIGINT (Ctrl-C), SIGTERM (kill, or Slurm at a task's time limit),
// SIGHUP (the terminal went away) and SIGPIPE (`pjsim sweep ... | head -1`: whoever read the
// progress stopped reading). Each stops launching, ends the running children and keeps the table.
constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
constexpr std::size_t kStopSignalCount = sizeof kStopSignals / sizeof kStopSignals[0];

// Installs the handler of the stop signals for the life of the pool, without SA_RESTART so that
// a blocked waitpid() returns EINTR and the pool notices at once; restores the previous ones after.
class StopSignalGuard {
 public:
  StopSignalGuard() {
    g_interrupted = 0;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    for (std::size_t i = 0; i < kStopSignalCount; ++i) sigaction(kStopSignals[i], &sa, &old_[i]);
  }
  ~StopSignalGuard() {
    for (std::size_t i = 0; i < kStopSignalCount; ++i) sigaction(kStopSignals[i], &old_[i], nullptr);
  }
  StopSignalGuard(const StopSignalGuard&) = delete;
  StopSignalGuard& operator=(const StopSignalGuard&) = delete;

 private:
  struct sigaction old_[kStopSignalCount] {};
};

// The job's log, opened here so that a full disk or a missing permission is that job's failure
// (with the reason), not the pool's. Returns -1 and sets `error` when it cannot be opened.
int open_log(const Job& job, std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(job.log.parent_path(), ec);
  const int fd = ::open(job.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) error = "cannot create " + job.log.string() + ": " + std::strerror(errno);
  return fd;
}

pid_t spawn(const std::string& exe, const Job& job, int log_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, log_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, log_fd, 2);
  // The child must not inherit a stop signal as "ignored" (pjsim ignores SIGPIPE outside the pool):
  // reset them to default.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int signal : kStopSignals) sigaddset(&defaults, signal);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> argv_text = {exe};
  argv_text.insert(argv_text.end(), job.args.begin(), job.args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_t pid = 0;
  const int err = posix_spawn(&pid, exe.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (err != 0) throw std::runtime_error("cannot start " + exe + ": " + std::strerror(err));
  return pid;
}

JobStatus status_of_exit(int code) {
  switch (code) {
    case 0: return JobStatus::ok;
    case 2: return JobStatus::user_error;
    case 4: return JobStatus::write_error;
    default: return JobStatus::internal_error;
  }
}

JobOutcome outcome_of(int status, bool timed_out) {
  JobOutcome o;
  if (WIFEXITED(status)) {
    o.exit_code = WEXITSTATUS(status);
    o.status = status_of_exit(o.exit_code);
  } else if (WIFSIGNALED(status)) {
    o.signal = WTERMSIG(status);
    o.status = timed_out ? JobStatus::timed_out : g_interrupted ? JobStatus::interrupted : JobStatus::crashed;
  }
  return o;
}

using Clock = std::chrono::steady_clock;

struct Running {
  std::size_t index;
  Clock::time_point deadline;
  bool killed = false;  ///< for running past its deadline
};

// Kills (SIGKILL) every child past its deadline.
void kill_overdue(std::map<pid_t, Running>& running) {
  const auto now = Clock::now();
  for (auto& [pid, r] : running)
    if (!r.killed && now >= r.deadline) {
      kill(pid, SIGKILL);
      r.killed = true;
    }
}

// Waits for a child to end. Without a time limit it blocks; with one it polls every few
// milliseconds and kills the overdue. Returns 0 when nothing ended (yet), -1 on EINTR.
pid_t wait_child(std::map<pid_t, Running>& running, bool timed, int& status) {
  if (!timed) return waitpid(-1, &status, 0);
  const pid_t pid = waitpid(-1, &status, WNOHANG);
  if (pid != 0) return pid;
  kill_overdue(running);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return 0;
}

}  // namespace

const char* to_string(JobStatus s) {
  switch (s) {
    case JobStatus::ok: return "ok";
    case JobStatus::user_error: return "error";
    case JobStatus::internal_error: return "internal";
    case JobStatus::write_error: return "io";
    case JobStatus::crashed: return "crash";
    case JobStatus::timed_out: return "timeout";
    case JobStatus::interrupted: return "interrupted";
    case JobStatus::not_run: return "not run";
  }
  return "?";
}

std::string self_executable() {
  std::error_code ec;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw std::runtime_error("cannot resolve /proc/self/exe: " + ec.message());
  return path.string();
}

bool pool_interrupted() { return g_interrupted != 0; }

std::vector<JobOutcome> run_pool(const std::vector<Job>& jobs, const PoolOptions& options) {
  const StopSignalGuard guard;
  const std::string exe = self_executable();
  const unsigned width = options.jobs == 0 ? 1 : options.jobs;
  const bool timed = options.timeout_s > 0;
  const auto limit = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.timeout_s));
  std::vector<JobOutcome> outcomes(jobs.size());
  std::map<pid_t, Running> running;
  std::size_t next = 0, done = 0;
  bool stopping = false;
  const auto finish = [&](std::size_t index) {
    ++done;
    if (options.on_done) options.on_done(index, outcomes[index], done);
  };

  while (!running.empty() || (!stopping && next < jobs.size())) {
    if (!stopping && g_interrupted) {
      stopping = true;
      for (const auto& [pid, r] : running) kill(pid, SIGTERM);
    }
    if (!stopping && next < jobs.size() && running.size() < width) {
      const std::size_t index = next++;
      std::string error;
      const int log_fd = open_log(jobs[index], error);
      if (log_fd < 0) {
        outcomes[index] = {JobStatus::write_error, -1, 0, error};
        finish(index);
        continue;
      }
      const pid_t pid = spawn(exe, jobs[index], log_fd);
      ::close(log_fd);
      running[pid] = {index, Clock::now() + limit};
      continue;
    }
    if (running.empty()) continue;  // stopped between jobs: nothing to wait for (waitpid would fail, ECHILD)
    int status = 0;
    const pid_t pid = wait_child(running, timed, status);
    if (pid == 0) continue;
    if (pid < 0) {
      if (errno == EINTR) continue;  // SIGINT: handled at the top of the loop
      throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
    }
    const auto it = running.find(pid);
    if (it == running.end()) continue;  // not one of ours
    const Running r = it->second;
    running.erase(it);
    outcomes[r.index] = outcome_of(status, r.killed);
    if (stopping && outcomes[r.index].status != JobStatus::ok) outcomes[r.index].status = JobStatus::interrupted;
    finish(r.index);
  }
  return outcomes;
}

}  // namespace pjsim::sim
