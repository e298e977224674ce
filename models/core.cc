#include "models/core.h"

#include <algorithm>
#include <stdexcept>

namespace pjsim::models {

Core::Core(sc_core::sc_module_name name, const ArchParams& arch, int chip, int index, Barrier& barrier,
           Interconnect* interconnect, Ledger& ledger, SimStats& stats)
    : sc_module(name),
      matrix_socket("matrix_socket"),
      vector_socket("vector_socket"),
      sram_socket("sram_socket"),
      noc_socket("noc_socket"),
      matrix("matrix", arch.core.matrix, arch.chip.frequency_hz, ledger),
      vector("vector", arch.core.vector, arch.chip.frequency_hz, ledger),
      sram("sram", sram_memory(arch.core.sram), ledger),
      dma("dma", stats),
      arch_(arch),
      chip_(chip),
      index_(index),
      barrier_(barrier),
      interconnect_(interconnect),
      stats_(stats),
      free_buffers_("free_buffers", static_cast<int>(std::max<std::uint64_t>(arch.core.dma.buffers, 1))),
      ready_tiles_("ready_tiles", 0) {
  matrix.set_gating(arch.chip.gating);
  matrix_socket.bind(matrix.socket);
  vector_socket.bind(vector.socket);
  sram_socket.bind(sram.socket);
  dma.sram_socket.bind(sram.socket);
}

void Core::start(CoreProgram program) {
  if (!finished_) throw std::logic_error("Core::start: the previous program is still running");
  program_ = std::move(program);
  tiles_.assign(program_.size(), nullptr);
  ops_done_ = 0;
  finished_ = false;
  last_op_end_ = sc_core::sc_time_stamp();
  sc_core::sc_spawn(sc_bind(&Core::dma_thread, this));
  sc_core::sc_spawn(sc_bind(&Core::compute_thread, this));
}

Tag Core::tag_of(const CoreOp& op) const {
  Tag tag;
  tag.chip = chip_;
  tag.core = index_;
  tag.layer = op.shard.layer;
  tag.op = op.shard.category;
  const bool macs = op.shard.kind == workloads::OpKind::gemm || op.shard.kind == workloads::OpKind::attention;
  tag.precision = macs ? workloads::mac_precision(op.shard.operand_precision, op.shard.activation_precision)
                       : op.shard.activation_precision;
  return tag;
}

std::shared_ptr<const std::vector<Tile>> Core::tiles_for(std::size_t i) {
  if (!tiles_[i]) tiles_[i] = std::make_shared<const std::vector<Tile>>(tiles_of(program_[i], arch_.core));
  return tiles_[i];
}

void Core::wait_for(const sc_core::sc_time& t) {
  ++stats_.events;
  sc_core::wait(t);
}

void Core::record_op_time(const Tag& tag) {
  if (index_ != 0) return;
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  stats_.op_seconds[{tag.layer, tag.op}] += (now - last_op_end_).to_seconds();
  last_op_end_ = now;
}

void Core::dma_thread() {
  for (std::size_t i = 0; i < program_.size(); ++i) {
    const CoreOp& op = program_[i];
    if (op.is_collective) continue;
    const Tag tag = tag_of(op);
    const auto tiles = tiles_for(i);
    for (const Tile& tile : *tiles) {
      if (tile.needs_buffer()) {
        while (tile.load_activation_bits > 0 && ops_done_ < i) {
          ++stats_.events;
          sc_core::wait(op_done_event_);
        }
        free_buffers_.wait();
        dma.load(tile, tag, op.shard.operand_class());
      }
      ready_tiles_.post();
    }
  }
}

void Core::compute_tile(const Tile& tile, const Tag& tag, workloads::DataClass operand_class) {
  sc_core::sc_time done = sc_core::SC_ZERO_TIME;
  Command cmd;
  cmd.tag = tag;
  cmd.tile = &tile;
  if (tile.gemm_count > 0) done = std::max(done, transact(matrix_socket, cmd, stats_));
  if (tile.vector_ops > 0) done = std::max(done, transact(vector_socket, cmd, stats_));
  auto sram_access = [&](std::uint64_t bits, workloads::DataClass data, bool write) {
    if (bits == 0) return;
    Command access;
    access.tag = tag;
    access.tag.data = data;
    access.bits = bits;
    access.write = write;
    done = std::max(done, transact(sram_socket, access, stats_));
  };
  sram_access(tile.sram_read_operand_bits, operand_class, false);
  // Scales and metadata: read once per tile, whether they were just loaded or stay resident in SRAM.
  sram_access(tile.sram_read_scale_bits, workloads::DataClass::scales, false);
  sram_access(tile.sram_read_metadata_bits, workloads::DataClass::metadata, false);
  sram_access(tile.sram_read_activation_bits, workloads::DataClass::activations, false);
  sram_access(tile.sram_write_activation_bits, workloads::DataClass::activations, true);
  wait_for(done);
}

void Core::gather(const CoreOp& op, const Tag& tag) {
  const std::uint64_t cores = arch_.chip.cores;
  if (op.gather_bits == 0 || cores < 2) return;
  sc_core::sc_time done = sc_core::SC_ZERO_TIME;
  Command read;
  read.tag = tag;
  read.tag.data = workloads::DataClass::activations;
  read.bits = op.gather_bits;
  done = transact(sram_socket, read, stats_);
  for (std::uint64_t dst = 0; dst < cores; ++dst) {
    if (dst == static_cast<std::uint64_t>(index_)) continue;
    Command send = read;
    send.src = static_cast<std::uint64_t>(index_);
    send.dst = dst;
    done = std::max(done, transact(noc_socket, send, stats_));
  }
  wait_for(done);
}

void Core::store_kv(std::uint64_t bits, const Tag& tag, bool in_sram) {
  if (!in_sram) {
    dma.store(bits, tag, workloads::DataClass::kv);
    return;
  }
  Command write;
  write.tag = tag;
  write.tag.data = workloads::DataClass::kv;
  write.bits = bits;
  write.write = true;
  wait_for(transact(sram_socket, write, stats_));
}

void Core::compute_thread() {
  for (std::size_t i = 0; i < program_.size(); ++i) {
    const CoreOp& op = program_[i];
    const Tag tag = tag_of(op);
    if (op.is_collective) {
      // Every core finished the previous op (its barrier); core 0 takes part for the chip, the
      // others wait for it.
      if (index_ == 0 && interconnect_ != nullptr) interconnect_->collective(op.collective, static_cast<std::uint64_t>(chip_));
      stats_.events += static_cast<std::uint64_t>(barrier_.arrive_and_wait());
      record_op_time(tag);
      ops_done_ = i + 1;
      op_done_event_.notify(sc_core::SC_ZERO_TIME);
      continue;
    }
    const auto tiles = tiles_for(i);
    for (const Tile& tile : *tiles) {
      ready_tiles_.wait();
      compute_tile(tile, tag, op.shard.operand_class());
      if (tile.needs_buffer()) free_buffers_.post();
      if (tile.store_activation_bits) dma.store(tile.store_activation_bits, tag, workloads::DataClass::activations);
      if (tile.store_kv_bits) store_kv(tile.store_kv_bits, tag, op.kv_in_sram);
    }
    tiles_[i].reset();
    gather(op, tag);
    stats_.events += static_cast<std::uint64_t>(barrier_.arrive_and_wait());
    record_op_time(tag);
    ops_done_ = i + 1;
    op_done_event_.notify(sc_core::SC_ZERO_TIME);
  }
  if (index_ == 0) stats_.chip_finish_seconds += sc_core::sc_time_stamp().to_seconds();
  finished_ = true;
}

}  // namespace pjsim::models
