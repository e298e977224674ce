// The on-chip network: one contended Calendar per directed link of the core mesh
// (topologies/core_mesh.h), dimension-order routes, wormhole-style timing.
//
// A message of b bits from core s to core d over h hops: the head enters link i when the link is
// free and the head has crossed link i-1 (hop latency); each link is busy for b / bandwidth;
// the message completes when its tail leaves the last link (models/link_network.h). It counts b x h noc_bit_hops and, at the destination core,
// b sram_write_bits (the receiving SRAM's port time is not modelled: see docs/energy-model.md).
#pragma once

#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_target_socket.h>

#include "models/arch_params.h"
#include "models/command.h"
#include "models/link_network.h"
#include "topologies/core_mesh.h"

namespace pjsim::models {

class Noc : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<Noc> socket;

  Noc(sc_core::sc_module_name name, const NocParams& params, std::uint64_t cores, Ledger& ledger);

  sc_core::sc_time busy() const;
  std::uint64_t link_count() const { return links_.size(); }
  const topologies::CoreMesh& mesh() const { return mesh_; }

 private:
  void b_transport(int port, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);

  topologies::CoreMesh mesh_;
  Ledger& ledger_;
  LinkNetwork links_;  // indexed like mesh_.links()
};

}  // namespace pjsim::models
