// The `serving:` section of a design point as typed specs for `pjsim serve` (docs/serving.md):
// the request stream (serving/stream_spec.h) and the server (serving/serve_spec.h). The KV
// capacity in blocks depends on the plan (memory left after weights) and is filled by sim/serve.
//
// Example: serving.requests.source trace, serving.requests.trace "../traces/azure.csv" written
// in /home/me/point.yaml -> stream.trace.path "/home/me/../traces/azure.csv"; serving.batching
// static -> spec.policy.batching Batching::static_batch.
#pragma once

#include "serving/serve_spec.h"
#include "serving/stream_spec.h"
#include "sim/config/values.h"

namespace pjsim::sim {

struct ServingConfig {
  serving::StreamSpec stream;
  serving::ServeSpec spec;
  double kv_reserved_bytes = 0;  ///< HBM per chip not given to KV
  bool exact = false;            ///< serving.costs exact
  bool step_of_replay = false;   ///< this point is a step simulated by `pjsim serve`
  bool written = false;          ///< some serving key was set (a run says it does not use them)
};

/// Throws UserError located at the offending key (a trace path that is not set, a generator
/// spec that cannot work).
ServingConfig build_serving(const Values& values);

}  // namespace pjsim::sim
