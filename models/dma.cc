#include "models/dma.h"

#include <algorithm>

namespace pjsim::models {

Dma::Dma(sc_core::sc_module_name name, SimStats& stats)
    : sc_module(name), hbm_socket("hbm_socket"), sram_socket("sram_socket"), stats_(stats) {}

sc_core::sc_time Dma::move(std::uint64_t bits, const Tag& tag, workloads::DataClass data, bool to_sram) {
  if (bits == 0) return sc_core::SC_ZERO_TIME;
  Command hbm;
  hbm.tag = tag;
  hbm.tag.data = data;
  hbm.bits = bits;
  hbm.write = !to_sram;
  Command sram = hbm;
  sram.write = to_sram;
  return std::max(transact(hbm_socket, hbm, stats_), transact(sram_socket, sram, stats_));
}

void Dma::mark_busy(const sc_core::sc_time& done) {
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  const sc_core::sc_time end = now + done;
  if (end <= busy_until_) return;
  busy_ += end - std::max(now, busy_until_);
  busy_until_ = end;
}

void Dma::load(const Tile& tile, const Tag& tag, workloads::DataClass operand_class) {
  const sc_core::sc_time done = std::max({move(tile.load_operand_bits, tag, operand_class, true),
                                          move(tile.load_activation_bits, tag, workloads::DataClass::activations, true),
                                          move(tile.load_scale_bits, tag, workloads::DataClass::scales, true),
                                          move(tile.load_metadata_bits, tag, workloads::DataClass::metadata, true)});
  mark_busy(done);
  ++stats_.events;
  sc_core::wait(done);
}

void Dma::store(std::uint64_t bits, const Tag& tag, workloads::DataClass data) {
  const sc_core::sc_time done = move(bits, tag, data, false);
  mark_busy(done);
  ++stats_.events;
  sc_core::wait(done);
}

}  // namespace pjsim::models
