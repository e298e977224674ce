// After a simulation: was the run within the simulated clock's range?
//
// SystemC counts time in femtoseconds here (sim/run/simulate.cc) as a 64-bit integer; a single
// duration past 2^63 fs (9223 s) is clamped and a sum past 2^64 fs wraps, so a run that needs
// more chip time than that would report a wrong time. pjsim refuses such inputs before simulating
// when it can tell (sim/config/run_limits.h); this check catches the rest afterwards from
// figures that do not depend on the clock: the HBM bits moved and the MACs counted in the ledger.
//
// Example: tiny-llama at batch 1024 and 16384 tokens of context reads a 16 GiB KV cache; with
// arch.chip.hbm.bandwidth = "1 MB/s" that takes 17000 s (the weights, in SRAM, gave the estimate
// before simulating nothing to go on) -> UserError "--set: arch.chip.hbm.bandwidth: the run needs
// at least 1.72e+04 s of simulated chip time (HBM traffic); pjsim simulates at most 9000 s ...".
#pragma once

#include "reports/run_result.h"
#include "sim/config/design_point.h"

namespace pjsim::sim {

/// Throws UserError when the run's simulated time exceeds kMaxSimulatedSeconds, or its HBM
/// traffic or its MACs alone need more than that (then the reported time wrapped).
void check_simulated_clock(const reports::RunResult& result, const DesignPoint& point);

}  // namespace pjsim::sim
