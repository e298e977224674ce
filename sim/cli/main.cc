// pjsim's entry point: silences the SystemC banner and hands over to the CLI.
#include <csignal>
#include <cstdlib>

#include "sim/cli/cli.h"

// libsystemc references sc_main; pjsim drives the kernel itself (sim/run/simulate.cc), so this is unused.
extern "C" int sc_main(int, char**) { return 1; }

int main(int argc, char** argv) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  // Past a file size limit (ulimit -f), write() then fails with EFBIG and pjsim reports it
  // (exit 4) instead of dying of SIGXFSZ with a half-written temporary file.
  std::signal(SIGXFSZ, SIG_IGN);
  // A closed pipe (`pjsim sweep | head -1`) makes a write fail with EPIPE instead of killing pjsim
  // mid-way, with its workers orphaned and its results table unwritten; a sweep's pool treats
  // SIGPIPE as a stop signal while it runs (sim/process/process_pool.h).
  std::signal(SIGPIPE, SIG_IGN);
  return pjsim::sim::run_cli(argc, argv);
}
