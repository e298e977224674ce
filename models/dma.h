// A core's DMA engine: moves tiles between HBM and the core's SRAM.
//
// A load reads the tile's operand (weights, KV or embedding rows) and any spilled activations
// from HBM and writes them into an SRAM buffer; HBM and SRAM are reserved together, so the load
// completes when the slower of the two does. A store does the reverse for outputs that live in
// HBM (spilled activations, the KV cache). The DMA is called from the core's threads; it waits
// in the caller's thread (loosely timed).
#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "models/command.h"

namespace pjsim::models {

class Dma : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<Dma> hbm_socket;
  tlm_utils::simple_initiator_socket<Dma> sram_socket;

  Dma(sc_core::sc_module_name name, SimStats& stats);

  /// Loads the tile's inputs; returns when they are in SRAM. `tag` names the op.
  void load(const Tile& tile, const Tag& tag, workloads::DataClass operand_class);
  /// Stores `bits` of `data` from SRAM to HBM; returns when written.
  void store(std::uint64_t bits, const Tag& tag, workloads::DataClass data);
  /// Busy time of the engine: the time during which at least one transfer was in flight (from
  /// its issue to its completion). A load (DMA thread) and a store (compute thread) may overlap;
  /// their overlap counts once, so busy() never exceeds the simulated time and
  /// utilisation.dma = busy / (cores x time) stays within [0, 1].
  const sc_core::sc_time& busy() const { return busy_; }

 private:
  sc_core::sc_time move(std::uint64_t bits, const Tag& tag, workloads::DataClass data, bool to_sram);
  /// Adds [now, now + done) to the busy time, less what earlier transfers already cover.
  void mark_busy(const sc_core::sc_time& done);
  SimStats& stats_;
  sc_core::sc_time busy_ = sc_core::SC_ZERO_TIME;
  sc_core::sc_time busy_until_ = sc_core::SC_ZERO_TIME;  ///< end of the latest transfer in flight
};

}  // namespace pjsim::models
