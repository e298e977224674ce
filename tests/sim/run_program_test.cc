// Running a helper program (sim/process/run_program.h): its output, its exit, and a timeout that
// kills it and whatever it started, so that a helper that never returns never hangs pjsim.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <string>

#include "sim/process/run_program.h"

using pjsim::sim::run_program;

TEST_CASE("a helper program's output and exit code are read", "[sim]") {
  const auto o = run_program("/bin/sh", {"-c", "echo out; echo err >&2; exit 3"});
  CHECK(o.out == "out\n");
  CHECK(o.err == "err\n");
  CHECK(o.exit_code == 3);
  CHECK_FALSE(o.timed_out);
}

TEST_CASE("a helper that never returns is killed at its timeout, with what it started", "[sim][errors]") {
  const auto start = std::chrono::steady_clock::now();
  // The grandchild keeps the output pipes open: only killing the whole group ends the wait.
  const auto o = run_program("/bin/sh", {"-c", "echo started; sleep 60 & sleep 60"}, 0.5);
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(o.timed_out);
  CHECK(o.signal == SIGKILL);
  CHECK(o.out == "started\n");
  CHECK(waited < 10);
}
