// Contended directed links with wormhole-style timing, shared by the on-chip network (Noc) and the
// inter-chip links (Ici).
//
// A message of b bits over a route of h links: the head enters link i when the link is free and
// the head has crossed link i-1 (one hop latency later); each link is busy for b / bandwidth; the
// message completes when its tail leaves the last link. Uncontended: h x latency + b / bandwidth.
// Example: 1 MiB over 2 free links of 100 GB/s and 1 us: 2 us + 10.49 us = 12.49 us.
#pragma once

#include <cstddef>
#include <vector>

#include "models/calendar.h"

namespace pjsim::models {

class LinkNetwork {
 public:
  LinkNetwork(std::size_t links, double bandwidth_bytes_per_s, double hop_latency_s)
      : links_(links), bits_per_s_(bandwidth_bytes_per_s * 8), hop_(seconds(hop_latency_s)) {}

  /// Reserves the links of a route (indices) for `bits` starting no earlier than `earliest`;
  /// returns the absolute completion time (`earliest` for an empty route).
  sc_core::sc_time send(const std::vector<std::size_t>& route, std::uint64_t bits, const sc_core::sc_time& earliest) {
    const sc_core::sc_time occupancy = seconds(static_cast<double>(bits) / bits_per_s_);
    sc_core::sc_time head = earliest, done = earliest;
    for (std::size_t link : route) {
      done = links_[link].reserve(head, occupancy, hop_);
      head = done - occupancy;  // the head leaves this link one hop latency after it entered
    }
    return done;
  }

  /// Power gating of every link (models/calendar.h).
  void set_gating(const sc_core::sc_time& threshold, const sc_core::sc_time& wake) {
    for (Calendar& c : links_) c.set_gating(threshold, wake);
  }
  std::size_t size() const { return links_.size(); }
  const Calendar& link(std::size_t i) const { return links_[i]; }
  sc_core::sc_time busy() const {
    sc_core::sc_time sum = sc_core::SC_ZERO_TIME;
    for (const Calendar& c : links_) sum += c.busy();
    return sum;
  }

 private:
  std::vector<Calendar> links_;
  double bits_per_s_;
  sc_core::sc_time hop_;
};

}  // namespace pjsim::models
