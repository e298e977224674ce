// Replays a request stream on a server: arrivals, the scheduler's steps, their costs from a
// StepCosts source, idle gaps, and everything that happened to each request (docs/serving.md).
//
// Energy attribution (the documented rule): a step's energy is split over the sequences that
// ran in it by their new tokens (a decode 1, a chunk its tokens), so the requests' energies sum
// to the busy energy; idle gaps charge `idle_watts` and belong to no request. Phases: a step's
// energy is split into prefill and decode by the same token shares. KV swaps charge the host
// link (time added to the step, energy to tier "host").
//
// Example: 2 requests arriving at 0 s, each 100 prompt and 3 output tokens, continuous
// batching: step 1 prefills both (chunks of 100 + 100: both get their first token), steps 2
// and 3 decode both (contexts 101 and 102); each request is charged half of every step.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "serving/request.h"
#include "serving/sequence.h"
#include "serving/serve_spec.h"
#include "serving/step_shape.h"
#include "serving/time_series.h"

namespace pjsim::serving {

/// Power gating of idle gaps (arch.chip.gating): a gap longer than `threshold_s` is gated for
/// the rest of it: the gateable parts (cores and link ports) keep `fraction` of their static
/// power; waking costs `wake_energy_j` and delays the next step by `wake_latency_s`.
struct IdleGating {
  bool enabled = false;
  double threshold_s = 0, gateable_watts = 0, fraction = 0, wake_energy_j = 0, wake_latency_s = 0;
};

struct ReplayOptions {
  double idle_watts = 0;   ///< power while no step runs (the chips' static power)
  IdleGating gating;
  double max_wall_s = 0;   ///< stop (partial result) after this much wall time; 0 = no limit
};

struct ServeResult {
  std::vector<RequestRecord> requests;
  /// Inter-token gaps (seconds, how many tokens had that gap), in step order.
  std::vector<std::pair<double, std::uint64_t>> itl;
  /// Energy by family: "tier.<x>", "data.<x>", "phase.{prefill,decode,idle}", each summing to energy_pj.
  std::map<std::string, double> energy_parts;
  double energy_pj = 0, busy_energy_pj = 0, idle_energy_pj = 0;
  double busy_s = 0, idle_s = 0, end_s = 0, first_arrival_s = 0;
  double peak_step_watts = 0;
  std::uint64_t steps = 0, steps_simulated = 0;
  std::uint64_t peak_batch = 0, kv_capacity_blocks = 0, kv_peak_blocks = 0, kv_evictions = 0;
  std::uint64_t swap_bits = 0;
  std::uint64_t gated_gaps = 0;  ///< idle gaps long enough to be power-gated
  TimeSeries series;
  bool partial = false;     ///< stopped by max_wall_s: later requests are not in `requests`
  std::string partial_reason;
};

ServeResult replay(RequestSource& source, const ServeSpec& spec, StepCosts& costs, const ReplayOptions& options);

}  // namespace pjsim::serving
