// Running another program (sbatch) without a shell and reading what it printed.
//
// Example: const std::string sbatch = find_on_path("sbatch");   // "" when there is none
//          ProgramOutput o = run_program(sbatch, {"--parsable", "job.sbatch"});
//          o.exit_code == 0; o.out == "42\n"
// The child gets the arguments as they are (no word splitting, no expansion), this process's
// environment, /dev/null as stdin, and a process group of its own (so that a timeout kills all of
// it: a helper that never returns never hangs pjsim).
#pragma once

#include <string>
#include <vector>

namespace pjsim::sim {

struct ProgramOutput {
  int exit_code = -1;  ///< when the program exited
  int signal = 0;      ///< when a signal ended it
  std::string out;     ///< its stdout
  std::string err;     ///< its stderr
  bool timed_out = false;  ///< it ran past the timeout and was killed (with its process group)
};

/// The first executable regular file called `name` in the folders of $PATH, or "".
std::string find_on_path(const std::string& name);
/// Runs `path` with `args` and waits for it, at most `timeout_s` seconds (0: no limit): past it the
/// program and its process group get SIGKILL and the output says timed_out. Throws
/// std::runtime_error when it cannot be started.
ProgramOutput run_program(const std::string& path, const std::vector<std::string>& args, double timeout_s = 0);

}  // namespace pjsim::sim
