// A counting semaphore for SystemC threads, as sc_core::sc_semaphore, that notifies its event
// only when a thread is waiting on it.
//
// sc_semaphore::post() makes an immediate notification on every post; an immediate notification
// with no waiting thread does nothing but cost a kernel call, and a core posts once per tile
// (millions of times in a large prefill). Waking and ordering are otherwise the same: a waiting
// thread is made runnable by the post, in the same evaluation phase.
#pragma once

#include <systemc>

namespace pjsim::models {

class Semaphore {
 public:
  explicit Semaphore(int value) : value_(value) {}

  /// Takes one unit, waiting until there is one.
  void wait() {
    while (value_ <= 0) {
      ++waiting_;
      sc_core::wait(free_);
      --waiting_;
    }
    --value_;
  }

  /// Gives one unit back, waking the waiting threads.
  void post() {
    ++value_;
    if (waiting_ > 0) free_.notify();
  }

 private:
  int value_;
  int waiting_ = 0;
  sc_core::sc_event free_;
};

}  // namespace pjsim::models
