// Whether the process's address-space limit (ulimit -v, RLIMIT_AS) leaves room for the SystemC
// threads of a run, checked before any is created.
//
// Each core runs two SystemC threads and each chip a few more, each on its own stack
// (SystemC's default, 320 KiB on 64-bit hosts). When a stack cannot be allocated part-way through
// SystemC's start-up, SystemC may abort the process ("free(): invalid pointer") instead of
// reporting E518; so the room the stacks need is reserved once (an mmap of inaccessible pages,
// returned at once) and, if even that fails, the run stops with a one-line error before SystemC
// starts.
//
// Example: 256 cores under `ulimit -v 200000` -> false (about 170 MiB of stacks plus 32 MiB).
#pragma once

#include <cstdint>

namespace pjsim::sim {

/// Bytes of stack the threads of `chips` x `cores_per_chip` cores need, with a margin.
std::uint64_t thread_stack_bytes(std::uint64_t chips, std::uint64_t cores_per_chip);

/// True when `bytes` of address space can be reserved now (always true without a limit).
bool address_space_available(std::uint64_t bytes);

}  // namespace pjsim::sim
