// A contended resource in loosely-timed SystemC: requests reserve it in the order they arrive.
//
// A request that may start at `earliest` begins when the resource is free, occupies it for
// `occupancy` (bits / bandwidth, or compute cycles) and completes `latency` later (pipelined
// latency does not hold the resource). Example: a free HBM channel, 1 MiB at 100 GB/s and 100 ns
// latency: starts now, busy for 10.49 us, completes 10.59 us from now; a second 1 MiB request
// made at the same instant starts 10.49 us from now.
#pragma once

#include <algorithm>

#include <systemc>

namespace pjsim::models {

class Calendar {
 public:
  /// Reserves the resource; returns the absolute completion time.
  sc_core::sc_time reserve(const sc_core::sc_time& earliest, const sc_core::sc_time& occupancy,
                           const sc_core::sc_time& latency) {
    const sc_core::sc_time start = std::max(earliest, free_at_);
    free_at_ = start + occupancy;
    busy_ += occupancy;
    return free_at_ + latency;
  }
  const sc_core::sc_time& busy() const { return busy_; }

 private:
  sc_core::sc_time free_at_ = sc_core::SC_ZERO_TIME;
  sc_core::sc_time busy_ = sc_core::SC_ZERO_TIME;
};

/// Seconds as an sc_time (the kernel's resolution is set to 1 fs by the run).
inline sc_core::sc_time seconds(double s) { return sc_core::sc_time(s, sc_core::SC_SEC); }

}  // namespace pjsim::models
