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
  return pjsim::sim::run_cli(argc, argv);
}
