#include "sim/run/clock_check.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/config/run_limits.h"

namespace pjsim::sim {

void check_simulated_clock(const reports::RunResult& r, const DesignPoint& point) {
  const auto& chip = point.arch.chip;
  double chips = 1;
  for (std::uint64_t d : point.arch.topology.dims) chips *= static_cast<double>(d);
  // Lower bounds, kept loose so that no run within the clock's range is ever refused: the
  // larger of the HBM reads and writes at full bandwidth, and the MACs at twice the peak rate
  // (room for arrays that skip sparse weights).
  const double hbm_bits = std::max(static_cast<double>(r.ledger.total(models::Action::hbm_read_bits)),
                                   static_cast<double>(r.ledger.total(models::Action::hbm_write_bits)));
  const double hbm_seconds = hbm_bits / 8 / (chip.hbm.bandwidth_bytes_per_s * chips);
  const double mac_seconds =
      static_cast<double>(r.ledger.total(models::Action::mac)) / (2 * run_size(point).peak_macs_per_s);
  const bool hbm_bound = hbm_seconds >= mac_seconds;
  const double least = std::max(hbm_seconds, mac_seconds);
  // Only a run that needed more than the clock holds can have a clamped or wrapped time.
  if (r.seconds <= kMaxSimulatedSeconds && least <= kMaxSimulatedSeconds) return;
  fail_at(hbm_bound ? point.hbm_bandwidth_location : point.frequency_location,
          hbm_bound ? "arch.chip.hbm.bandwidth" : "arch.chip.frequency",
          fmt::format("the run needs at least {:.3g} s of simulated chip time ({}); pjsim simulates at most {:.0f} s "
                      "(its femtosecond clock overflows past 9223 s)",
                      std::max(least, r.seconds), hbm_bound ? "HBM traffic" : "MACs at the peak rate",
                      kMaxSimulatedSeconds));
}

}  // namespace pjsim::sim
