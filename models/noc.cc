#include "models/noc.h"

namespace pjsim::models {

Noc::Noc(sc_core::sc_module_name name, const NocParams& params, std::uint64_t cores, Ledger& ledger)
    : sc_module(name), socket("socket"), mesh_(cores), ledger_(ledger),
      links_(mesh_.links().size(), params.link_bandwidth_bytes_per_s, params.hop_latency_s) {
  socket.register_b_transport(this, &Noc::b_transport);
}

sc_core::sc_time Noc::busy() const { return links_.busy(); }

void Noc::b_transport(int, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  const Command& cmd = command_of(payload);
  const auto route = mesh_.route(cmd.src, cmd.dst);
  Tag tag = cmd.tag;
  tag.action = Action::noc_bit_hops;
  ledger_.add(tag, cmd.bits * route.size());
  tag.action = Action::sram_write_bits;
  tag.core = static_cast<int>(cmd.dst);
  ledger_.add(tag, cmd.bits);

  std::vector<std::size_t> links;
  links.reserve(route.size());
  for (const auto& link : route) links.push_back(mesh_.link_index(link.first, link.second));
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  delay = links_.send(links, cmd.bits, now + delay) - now;
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

}  // namespace pjsim::models
