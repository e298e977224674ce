#include "sim/process_pool.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <stdexcept>

extern char** environ;

namespace pjsim::sim {

namespace {

volatile sig_atomic_t g_interrupted = 0;

extern "C" void on_sigint(int) { g_interrupted = 1; }

// Installs the SIGINT handler for the life of the pool, without SA_RESTART so that a blocked
// waitpid() returns EINTR and the pool notices at once; restores the previous one after.
class SigintGuard {
 public:
  SigintGuard() {
    g_interrupted = 0;
    struct sigaction sa {};
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, &old_);
  }
  ~SigintGuard() { sigaction(SIGINT, &old_, nullptr); }
  SigintGuard(const SigintGuard&) = delete;
  SigintGuard& operator=(const SigintGuard&) = delete;

 private:
  struct sigaction old_ {};
};

pid_t spawn(const std::string& exe, const Job& job) {
  std::error_code ec;
  std::filesystem::create_directories(job.log.parent_path(), ec);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, job.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  // The child must not inherit our SIGINT handler state as "ignored": reset it to default.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
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

JobOutcome outcome_of(int status) {
  JobOutcome o;
  if (WIFEXITED(status)) {
    o.exit_code = WEXITSTATUS(status);
    o.status = o.exit_code == 0 ? JobStatus::ok : o.exit_code == 2 ? JobStatus::user_error : JobStatus::internal_error;
  } else if (WIFSIGNALED(status)) {
    o.signal = WTERMSIG(status);
    o.status = g_interrupted ? JobStatus::interrupted : JobStatus::crashed;
  }
  return o;
}

}  // namespace

const char* to_string(JobStatus s) {
  switch (s) {
    case JobStatus::ok: return "ok";
    case JobStatus::user_error: return "error";
    case JobStatus::internal_error: return "internal";
    case JobStatus::crashed: return "crash";
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
  const SigintGuard guard;
  const std::string exe = self_executable();
  const unsigned width = options.jobs == 0 ? 1 : options.jobs;
  std::vector<JobOutcome> outcomes(jobs.size());
  std::map<pid_t, std::size_t> running;
  std::size_t next = 0, done = 0;
  bool stopping = false;

  while (!running.empty() || (!stopping && next < jobs.size())) {
    if (!stopping && g_interrupted) {
      stopping = true;
      for (const auto& [pid, index] : running) kill(pid, SIGTERM);
    }
    if (!stopping && next < jobs.size() && running.size() < width) {
      running[spawn(exe, jobs[next])] = next;
      ++next;
      continue;
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;  // SIGINT: handled at the top of the loop
      throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
    }
    const auto it = running.find(pid);
    if (it == running.end()) continue;  // not one of ours
    const std::size_t index = it->second;
    running.erase(it);
    outcomes[index] = outcome_of(status);
    if (stopping && outcomes[index].status != JobStatus::ok) outcomes[index].status = JobStatus::interrupted;
    ++done;
    if (options.on_done) options.on_done(index, outcomes[index], done);
  }
  return outcomes;
}

}  // namespace pjsim::sim
