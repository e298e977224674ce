// A memory as a TLM-2.0 target: HBM (chip level, several channels) and a core's SRAM (one port).
//
// A transfer of b bits is striped over all channels (address interleaving), so each channel is
// busy for ceil(b / channels) / (bandwidth / channels) and the transfer completes `latency` after
// its last channel finishes. Each transfer counts its bits in the ledger as the memory's read or
// write action with the initiator's tags.
//
//   core0.dma ──┐                 ┌─ channel 0 calendar
//   core1.dma ──┼─> Memory(hbm) ──┼─ channel 1 calendar
//   ...       ──┘                 └─ ...
#pragma once

#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_target_socket.h>

#include "models/arch_params.h"
#include "models/calendar.h"
#include "models/command.h"

namespace pjsim::models {

struct MemoryParams {
  std::uint64_t channels = 1;
  double bandwidth_bytes_per_s = 0;  ///< all channels together
  double latency_s = 0;
  Action read_action = Action::sram_read_bits;
  Action write_action = Action::sram_write_bits;
};

/// HBM of a chip: its channels, hbm_read_bits / hbm_write_bits.
MemoryParams hbm_memory(const HbmParams& hbm);
/// A core's SRAM: one port, sram_read_bits / sram_write_bits.
MemoryParams sram_memory(const SramParams& sram);

class Memory : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<Memory> socket;

  Memory(sc_core::sc_module_name name, const MemoryParams& params, Ledger& ledger);

  /// Summed busy time of all channels, and the channel count.
  sc_core::sc_time busy() const;
  std::uint64_t channels() const { return channels_.size(); }

 private:
  void b_transport(int port, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);

  MemoryParams params_;
  Ledger& ledger_;
  std::vector<Calendar> channels_;
  sc_core::sc_time latency_;
};

}  // namespace pjsim::models
