// How big a run is, estimated from the design point before anything is lowered, planned or
// simulated, and the limits past which pjsim refuses it with a one-line error: products of values
// that are each in range (batch x tokens x layers x experts x steps) must not overflow 64-bit
// counters, build more operators than memory holds, hang in MoE routing, or run past the end of
// the simulated clock. The limits and their reasons are in docs/robustness.md.
//
// Example: llama-3-70b decoding 10000 steps lowers to about 8.8e6 operators -> UserError at
// workload.steps: "the run lowers to about 8.8e+06 operators (10000 passes x 883); pjsim
// simulates at most 5e+06 per run: fewer steps, layers or experts".
#pragma once

#include "sim/config/design_point.h"
#include "sim/config/values.h"

namespace pjsim::sim {

/// Estimates of a whole run (all passes, all layers); MACs and time are lower bounds.
struct RunSize {
  double ops = 0;             ///< operators lowered (workloads::run_ops)
  double macs = 0;            ///< multiply-accumulates, at least
  double largest_op = 0;      ///< elements of the largest operand, output or softmax of one operator
  double routing_draws = 0;   ///< MoE routing work: tokens x top-k x experts per layer and pass
  double peak_macs_per_s = 0; ///< all chips, cores, matrix units and array cells at the clock
  double mac_seconds = 0;     ///< simulated chip time the MACs need, at least (macs x density / peak)
  double hbm_seconds = 0;     ///< simulated chip time the weights that cannot stay in SRAM need to stream from HBM
  double seconds() const { return mac_seconds > hbm_seconds ? mac_seconds : hbm_seconds; }
};

RunSize run_size(const DesignPoint& point);

/// The least SRAM per core (bytes) the tiler's smallest tile needs: the operand buffers must hold
/// a rows x cols weight block with its activations, and a quarter of the SRAM a cols x cols block of
/// fp32 partial sums (models/tiler.h). 0 for the access micro-benchmark, which makes no tiles.
/// Below it every tile would be cut to the minimum regardless of the budget: thousands of times
/// more tiles than the SRAM can hold, so check_run_size refuses it.
double smallest_tile_sram_bytes(const DesignPoint& point);

/// Throws UserError, located at the key most responsible, when a run_size figure exceeds its limit.
void check_run_size(const Values& values, const DesignPoint& point);

/// The simulated clock counts femtoseconds in a signed 64-bit integer: it ends at 9223 s.
/// pjsim refuses runs that need more than this many seconds of chip time.
constexpr double kMaxSimulatedSeconds = 9000;

}  // namespace pjsim::sim
