#include "models/program.h"

#include <cmath>

namespace pjsim::models {

namespace {

// Weights (and their scales and metadata), or the KV cache, already in SRAM: nothing to load.
void mark_resident_operand(CoreOp& core_op, const workloads::Op& op, const Residency& r) {
  const workloads::DataClass operand = op.operand_class();
  const bool weights = operand == workloads::DataClass::weights && r.weights_in_sram;
  const bool kv = (operand == workloads::DataClass::kv && r.kv_in_sram) || op.operand_in_sram;
  core_op.operand_resident = weights || kv;
  core_op.weight_extras_resident = weights;
}

void add_op(std::vector<CoreProgram>& programs, const workloads::Op& op, const ArchParams& arch, const Residency& r) {
  const std::uint64_t cores = programs.size();
  // Whether activations stay in SRAM is decided on the whole op: after the all-gather every core
  // holds the full activations, so all cores decide alike.
  const bool resident = activations_fit(op, arch.core);
  for (std::uint64_t c = 0; c < cores; ++c) {
    CoreOp core_op;
    core_op.shard = shard_op(op, c, cores);
    core_op.activations_resident = resident;
    core_op.kv_in_sram = r.kv_in_sram;
    mark_resident_operand(core_op, op, r);
    if (cores > 1 && resident)
      core_op.gather_bits = static_cast<std::uint64_t>(
          std::ceil(core_op.shard.output_elements() * workloads::bits_per_element(op.activation_precision)));
    programs[c].push_back(std::move(core_op));
  }
}

}  // namespace

std::vector<CoreProgram> build_core_programs(const std::vector<workloads::ChipItem>& items, const ArchParams& arch,
                                             const Residency& residency) {
  std::vector<CoreProgram> programs(arch.chip.cores);
  for (CoreProgram& program : programs) program.reserve(items.size());
  for (const workloads::ChipItem& item : items) {
    if (!item.is_collective) {
      add_op(programs, item.op, arch, residency);
      continue;
    }
    for (CoreProgram& program : programs) {
      CoreOp core_op;
      core_op.is_collective = true;
      core_op.collective = item.collective;
      core_op.shard.name = item.collective.after;
      core_op.shard.layer = item.collective.layer;
      core_op.shard.category = workloads::OpCategory::collective;
      program.push_back(std::move(core_op));
    }
  }
  return programs;
}

std::vector<CoreProgram> build_core_programs(const std::vector<workloads::Op>& ops, const ArchParams& arch) {
  std::vector<CoreProgram> programs(arch.chip.cores);
  for (const workloads::Op& op : ops) add_op(programs, op, arch, Residency{});
  return programs;
}

std::vector<Tile> tiles_of(const CoreOp& op, const CoreParams& core) {
  if (op.is_collective) return {};
  std::vector<Tile> tiles = tile_op(op.shard, core, op.activations_resident);
  if (op.operand_resident)
    for (Tile& t : tiles) {
      t.load_operand_bits = 0;
      if (op.weight_extras_resident) t.load_scale_bits = t.load_metadata_bits = 0;
    }
  return tiles;
}

}  // namespace pjsim::models
