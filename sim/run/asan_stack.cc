#include "sim/run/asan_stack.h"

#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#define PJSIM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PJSIM_ASAN 1
#endif
#endif

#ifdef PJSIM_ASAN
#include <pthread.h>
#include <sanitizer/common_interface_defs.h>
#endif

namespace pjsim::sim {

void reset_asan_stack_after_simulation() {
#ifdef PJSIM_ASAN
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return;
  void* bottom = nullptr;
  std::size_t size = 0;
  const bool known = pthread_attr_getstack(&attr, &bottom, &size) == 0;
  pthread_attr_destroy(&attr);
  if (!known) return;
  // A switch to the stack we are already on: ASan records it as the thread's stack.
  __sanitizer_start_switch_fiber(nullptr, bottom, size);
  __sanitizer_finish_switch_fiber(nullptr, nullptr, nullptr);
#endif
}

}  // namespace pjsim::sim
