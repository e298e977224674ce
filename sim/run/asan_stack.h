// AddressSanitizer and SystemC's coroutines: after sc_start() returns, tell ASan again which stack
// the main thread runs on.
//
// libsystemc announces its coroutine switches to ASan (__sanitizer_start_switch_fiber), but ASan
// keeps the last coroutine's stack as the main thread's once the simulation is over; the first
// exception thrown afterwards (a UserError about the run, a report that cannot be written) then
// prints "WARNING: ASan is ignoring requested __asan_handle_no_return ... False positive error
// reports may follow" before pjsim's one-line error. Without ASan this does nothing.
#pragma once

namespace pjsim::sim {

void reset_asan_stack_after_simulation();

}  // namespace pjsim::sim
