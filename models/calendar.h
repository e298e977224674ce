// A contended resource in loosely-timed SystemC: requests reserve it in the order they arrive.
//
// A request that may start at `earliest` begins when the resource is free, occupies it for
// `occupancy` (bits / bandwidth, or compute cycles) and completes `latency` later (pipelined
// latency does not hold the resource). Example: a free HBM channel, 1 MiB at 100 GB/s and 100 ns
// latency: starts now, busy for 10.49 us, completes 10.59 us from now; a second 1 MiB request
// made at the same instant starts 10.49 us from now.
#pragma once

#include <algorithm>
#include <cstdint>

#include <systemc>

namespace pjsim::models {

class Calendar {
 public:
  /// Power gating (docs/energy-model.md#power-gating): an idle gap longer than `threshold` is
  /// gated for the rest of the gap, and the next request waits `wake` before it starts.
  void set_gating(const sc_core::sc_time& threshold, const sc_core::sc_time& wake) {
    gating_ = true;
    threshold_ = threshold;
    wake_ = wake;
  }
  /// Reserves the resource; returns the absolute completion time.
  sc_core::sc_time reserve(const sc_core::sc_time& earliest, const sc_core::sc_time& occupancy,
                           const sc_core::sc_time& latency) {
    sc_core::sc_time start = std::max(earliest, free_at_);
    if (gating_ && earliest > free_at_ && earliest - free_at_ > threshold_) {
      gated_ += earliest - free_at_ - threshold_;
      ++wakes_;
      start = earliest + wake_;
    }
    free_at_ = start + occupancy;
    busy_ += occupancy;
    return free_at_ + latency;
  }
  const sc_core::sc_time& busy() const { return busy_; }
  /// Gated time up to `end` (the trailing idle gap included) and wake-ups so far.
  sc_core::sc_time gated(const sc_core::sc_time& end) const {
    if (!gating_ || end <= free_at_ || end - free_at_ <= threshold_) return gated_;
    return gated_ + (end - free_at_ - threshold_);
  }
  std::uint64_t wakes() const { return wakes_; }

 private:
  sc_core::sc_time free_at_ = sc_core::SC_ZERO_TIME;
  sc_core::sc_time busy_ = sc_core::SC_ZERO_TIME;
  bool gating_ = false;
  sc_core::sc_time threshold_ = sc_core::SC_ZERO_TIME, wake_ = sc_core::SC_ZERO_TIME;
  sc_core::sc_time gated_ = sc_core::SC_ZERO_TIME;
  std::uint64_t wakes_ = 0;
};

/// Seconds as an sc_time (the kernel's resolution is set to 1 fs by the run).
inline sc_core::sc_time seconds(double s) { return sc_core::sc_time(s, sc_core::SC_SEC); }

}  // namespace pjsim::models
