#include "models/program.h"

#include <cmath>

namespace pjsim::models {

std::vector<CoreProgram> build_core_programs(const std::vector<workloads::Op>& ops, const ArchParams& arch) {
  const std::uint64_t cores = arch.chip.cores;
  std::vector<CoreProgram> programs(cores);
  for (const workloads::Op& op : ops) {
    // Whether activations stay in SRAM is decided on the whole op: after the all-gather every core
    // holds the full activations, so all cores decide alike.
    const bool resident = activations_fit(op, arch.core);
    for (std::uint64_t c = 0; c < cores; ++c) {
      CoreOp core_op;
      core_op.shard = shard_op(op, c, cores);
      core_op.activations_resident = resident;
      core_op.tiles = tile_op(core_op.shard, arch.core, resident);
      if (cores > 1 && resident)
        core_op.gather_bits = static_cast<std::uint64_t>(
            std::ceil(core_op.shard.output_elements() * workloads::bits_per_element(op.activation_precision)));
      programs[c].push_back(std::move(core_op));
    }
  }
  return programs;
}

}  // namespace pjsim::models
