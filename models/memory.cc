#include "models/memory.h"

#include <algorithm>

namespace pjsim::models {

MemoryParams hbm_memory(const HbmParams& hbm) {
  return {hbm.channels, hbm.bandwidth_bytes_per_s, hbm.latency_s, Action::hbm_read_bits, Action::hbm_write_bits};
}

MemoryParams sram_memory(const SramParams& sram) {
  return {1, sram.bandwidth_bytes_per_s, sram.latency_s, Action::sram_read_bits, Action::sram_write_bits};
}

Memory::Memory(sc_core::sc_module_name name, const MemoryParams& params, Ledger& ledger)
    : sc_module(name), socket("socket"), params_(params), ledger_(ledger),
      channels_(std::max<std::uint64_t>(params.channels, 1)), latency_(seconds(params.latency_s)) {
  socket.register_b_transport(this, &Memory::b_transport);
}

sc_core::sc_time Memory::busy() const {
  sc_core::sc_time sum = sc_core::SC_ZERO_TIME;
  for (const Calendar& c : channels_) sum += c.busy();
  return sum;
}

void Memory::b_transport(int, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  Command& cmd = command_of(payload);
  Tag tag = cmd.tag;
  tag.action = cmd.write ? params_.write_action : params_.read_action;
  ledger_.add(tag, cmd.bits);

  const sc_core::sc_time now = sc_core::sc_time_stamp();
  const sc_core::sc_time earliest = now + delay;
  const double channel_bits = static_cast<double>((cmd.bits + channels_.size() - 1) / channels_.size());
  const double channel_bits_per_s = params_.bandwidth_bytes_per_s * 8 / static_cast<double>(channels_.size());
  const sc_core::sc_time occupancy = seconds(channel_bits / channel_bits_per_s);
  sc_core::sc_time done = earliest;
  for (Calendar& channel : channels_) done = std::max(done, channel.reserve(earliest, occupancy, latency_));
  delay = done - now;
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

}  // namespace pjsim::models
