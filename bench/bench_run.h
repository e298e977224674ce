// Runs one benchmark point: `pjsim run --quiet --out DIR --set ...` in a child process (as a
// study would), timed from fork to exit, and reads the figures of its report.json.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bench/bench_points.h"

namespace pjsim::bench {

struct Measurement {
  bool ok = false;
  std::string error;        ///< why it failed (exit status, first line of stderr)
  double wall_s = 0;        ///< fork to exit of the pjsim process
  double cpu_s = 0;         ///< user + system seconds of the process
  double events = 0;        ///< report simulation.events: transactions issued plus kernel waits
  double simulated_s = 0;   ///< report time.seconds
  double cycles = 0;        ///< report time.cycles
};

/// Runs `point` `repeat` times (at least once) and keeps the run of median CPU time (the more
/// stable figure on a shared machine).
Measurement measure(const std::string& pjsim, const BenchPoint& point, int repeat, const std::filesystem::path& out);

}  // namespace pjsim::bench
