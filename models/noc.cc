#include "models/noc.h"

namespace pjsim::models {

Noc::Noc(sc_core::sc_module_name name, const NocParams& params, std::uint64_t cores, Ledger& ledger)
    : sc_module(name), socket("socket"), params_(params), mesh_(cores), ledger_(ledger),
      links_(mesh_.links().size()) {
  socket.register_b_transport(this, &Noc::b_transport);
}

sc_core::sc_time Noc::busy() const {
  sc_core::sc_time sum = sc_core::SC_ZERO_TIME;
  for (const Calendar& c : links_) sum += c.busy();
  return sum;
}

void Noc::b_transport(int, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  const Command& cmd = command_of(payload);
  const auto route = mesh_.route(cmd.src, cmd.dst);
  Tag tag = cmd.tag;
  tag.action = Action::noc_bit_hops;
  ledger_.add(tag, cmd.bits * route.size());
  tag.action = Action::sram_write_bits;
  tag.core = static_cast<int>(cmd.dst);
  ledger_.add(tag, cmd.bits);

  const sc_core::sc_time now = sc_core::sc_time_stamp();
  const sc_core::sc_time hop = seconds(params_.hop_latency_s);
  const sc_core::sc_time occupancy = seconds(static_cast<double>(cmd.bits) / (params_.link_bandwidth_bytes_per_s * 8));
  sc_core::sc_time head = now + delay, done = now + delay;
  for (const auto& link : route) {
    done = links_[mesh_.link_index(link.first, link.second)].reserve(head, occupancy, hop);
    head = done - occupancy;  // the head leaves this link one hop latency after it started
  }
  delay = done - now;
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

}  // namespace pjsim::models
