// The TLM-2.0 extension every pjsim transaction carries: what to do and whom to charge.
//
// Loosely timed, as in the Accellera TLM-2.0 examples: an initiator calls b_transport with an
// annotated delay; the target reserves its Calendar and returns, in that delay, when the work
// completes; the initiator waits once for the latest of the transactions it issued together.
// No data moves (the payload has no data pointer): pjsim models time and energy, not values.
#pragma once

#include <cstdint>
#include <map>
#include <utility>

#include <systemc>
#include <tlm>

#include "models/ledger.h"
#include "models/tiler.h"

namespace pjsim::models {

struct Command : tlm::tlm_extension<Command> {
  Tag tag;                      ///< chip, core, layer, op, data class, precision; the target sets the action
  std::uint64_t bits = 0;       ///< memory and network transfers
  bool write = false;           ///< memories: a write (else a read)
  const Tile* tile = nullptr;   ///< matrix and vector units: the work of one tile
  std::uint64_t src = 0, dst = 0;  ///< network: source and destination core

  tlm::tlm_extension_base* clone() const override { return new Command(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override { *this = static_cast<const Command&>(other); }
};

/// Counters shared by all modules of a run.
struct SimStats {
  std::uint64_t events = 0;  ///< transactions issued plus waits on the kernel
  /// Seconds each op took on a chip (from the end of the chip's previous op to the end of this
  /// one, as core 0 passes the op's barrier), summed over chips, by (layer, op category). On one
  /// chip they sum to the simulated time. Example: {(3, mlp)} -> 1.9e-4 s.
  std::map<std::pair<int, workloads::OpCategory>, double> op_seconds;
  /// When each chip's core 0 finished its program, summed over chips (simulated seconds): with
  /// the interconnect's pipeline waits, the pipeline bubble (sim/run/simulate.cc).
  double chip_finish_seconds = 0;
};

/// Issues `cmd` on `socket` with `delay` (time from now until the request may start) and returns
/// the time from now until it completes.
template <typename Socket>
sc_core::sc_time transact(Socket& socket, Command& cmd, SimStats& stats,
                          sc_core::sc_time delay = sc_core::SC_ZERO_TIME) {
  tlm::tlm_generic_payload payload;
  payload.set_command(cmd.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  payload.set_data_ptr(nullptr);
  payload.set_data_length(0);
  payload.set_extension(&cmd);
  socket->b_transport(payload, delay);
  payload.clear_extension(&cmd);
  ++stats.events;
  return delay;
}

/// The extension of a payload (always present on pjsim transactions).
inline Command& command_of(tlm::tlm_generic_payload& payload) {
  Command* cmd = nullptr;
  payload.get_extension(cmd);
  sc_assert(cmd != nullptr);
  return *cmd;
}

}  // namespace pjsim::models
