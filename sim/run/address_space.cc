#include "sim/run/address_space.h"

#include <sys/mman.h>
#include <sys/resource.h>

namespace pjsim::sim {

namespace {

constexpr std::uint64_t kStackBytes = 0x50000;          // SystemC 2.3's SC_DEFAULT_STACK_SIZE on 64-bit hosts
constexpr std::uint64_t kGuardBytes = 2 * 4096;         // guard page and rounding per stack (estimate)
constexpr std::uint64_t kThreadsPerCore = 2;            // compute and DMA (models/core.h)
constexpr std::uint64_t kThreadsPerChip = 4;            // interconnect and bookkeeping (estimate, with margin)
constexpr std::uint64_t kHeadroomBytes = 32ULL << 20;   // the models' own allocations while starting (estimate)

}  // namespace

std::uint64_t thread_stack_bytes(std::uint64_t chips, std::uint64_t cores_per_chip) {
  const std::uint64_t threads = chips * (cores_per_chip * kThreadsPerCore + kThreadsPerChip);
  return threads * (kStackBytes + kGuardBytes) + kHeadroomBytes;
}

bool address_space_available(std::uint64_t bytes) {
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return true;
  void* room = mmap(nullptr, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (room == MAP_FAILED) return false;
  munmap(room, bytes);
  return true;
}

}  // namespace pjsim::sim
