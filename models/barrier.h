// A reusable barrier for SystemC threads: the last of `parties` to arrive releases the others.
#pragma once

#include <cstdint>

#include <systemc>

namespace pjsim::models {

class Barrier {
 public:
  explicit Barrier(std::uint64_t parties) : parties_(parties) {}

  /// Returns once every party has arrived at this generation of the barrier. Returns the number
  /// of kernel waits it made (0 or 1), for event counting.
  int arrive_and_wait() {
    if (parties_ <= 1) return 0;
    const std::uint64_t generation = generation_;
    if (++arrived_ == parties_) {
      arrived_ = 0;
      ++generation_;
      released_.notify(sc_core::SC_ZERO_TIME);
      return 0;
    }
    while (generation == generation_) sc_core::wait(released_);
    return 1;
  }

 private:
  std::uint64_t parties_;
  std::uint64_t arrived_ = 0;
  std::uint64_t generation_ = 0;
  sc_core::sc_event released_;
};

}  // namespace pjsim::models
