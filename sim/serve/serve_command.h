// `pjsim serve`: replays the point's request stream (serving.requests.*) on its design point
// with its serving policy (serving.*), each step costed by the SystemC model, and writes
// serve.json, requests.csv, serve.md and serve.html (docs/serving.md).
//
//   load point -> KV capacity (kv_capacity.h) -> a probe step (idle power; the point runs)
//   -> replay (serving/replay.h) with bucketed or exact step costs (step_simulator.h)
//   -> summary (serving/serve_summary.h) -> the four files in --out (default out/serve/<name>)
//
// Example: pjsim serve --set serving.requests.rate=4 --out out/serve/r4
#pragma once

#include <string>

#include "sim/config/load.h"

namespace pjsim::sim {

struct ServeOptions {
  LoadRequest request;
  std::string out;          ///< empty = out/serve/<point name>
  bool quiet = false;
  bool force = false;
  bool exact = false;       ///< simulate every distinct step (overrides serving.costs)
  double max_wall_s = 0;    ///< stop with a partial report after this much wall time (0 = none)
  unsigned jobs = 2;        ///< steps simulated at a time
};

/// Returns exit_ok. Throws UserError (bad point, trace, or a step that cannot run) or WriteError.
int serve_point(const ServeOptions& options);

}  // namespace pjsim::sim
