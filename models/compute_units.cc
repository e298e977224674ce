#include "models/compute_units.h"

#include "models/systolic_timing.h"

namespace pjsim::models {

MatrixUnit::MatrixUnit(sc_core::sc_module_name name, const MatrixUnitParams& params, double frequency_hz,
                       Ledger& ledger)
    : sc_module(name), socket("socket"), params_(params), period_s_(1.0 / frequency_hz), ledger_(ledger) {
  socket.register_b_transport(this, &MatrixUnit::b_transport);
}

void MatrixUnit::set_gating(const GatingParams& g) {
  if (g.enabled) calendar_.set_gating(seconds(g.idle_threshold_s), seconds(g.wake_latency_s));
}

void MatrixUnit::b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  const Command& cmd = command_of(payload);
  const Tile& tile = *cmd.tile;
  const double rate = mac_rate(params_, cmd.tag.precision);  // supported: checked by the config
  std::uint64_t cycles = 0;
  for (int g = 0; g < tile.gemm_count; ++g) cycles += gemm_cycles(tile.gemm[g], tile.instances, params_, rate);
  Tag tag = cmd.tag;
  tag.action = Action::mac;
  ledger_.add(tag, tile.macs);
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  delay = calendar_.reserve(now + delay, seconds(static_cast<double>(cycles) * period_s_), sc_core::SC_ZERO_TIME) - now;
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

VectorUnit::VectorUnit(sc_core::sc_module_name name, const VectorUnitParams& params, double frequency_hz,
                       Ledger& ledger)
    : sc_module(name), socket("socket"), params_(params), period_s_(1.0 / frequency_hz), ledger_(ledger) {
  socket.register_b_transport(this, &VectorUnit::b_transport);
}

void VectorUnit::b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  const Command& cmd = command_of(payload);
  const std::uint64_t ops = cmd.tile->vector_ops;
  Tag tag = cmd.tag;
  tag.action = Action::vector_op;
  ledger_.add(tag, ops);
  const std::uint64_t cycles = ceil_div(ops, params_.lanes);
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  delay = calendar_.reserve(now + delay, seconds(static_cast<double>(cycles) * period_s_), sc_core::SC_ZERO_TIME) - now;
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

}  // namespace pjsim::models
