#include "sim/run/tile_budget.h"

#include <map>

#include <fmt/format.h>

#include "models/tiler.h"
#include "sim/config/errors.h"

namespace pjsim::sim {

TileCount count_run_tiles(const models::ArchParams& arch, const models::SystemPlan& plan) {
  std::map<const std::vector<workloads::ChipItem>*, double> chips_of_program;
  for (const models::ChipPlan& chip : plan.chips) chips_of_program[chip.items.get()] += 1;
  const std::uint64_t cores = arch.chip.cores;
  TileCount count;
  for (const auto& [items, chips] : chips_of_program) {
    if (items == nullptr) continue;
    for (const workloads::ChipItem& item : *items) {
      if (item.is_collective) continue;
      // Core 0's shard is the largest (shards differ by at most one row, column or instance).
      const bool resident = models::activations_fit(item.op, arch.core);
      const auto tiles = static_cast<double>(models::count_tiles(models::shard_op(item.op, 0, cores), arch.core, resident));
      count.largest_op = std::max(count.largest_op, tiles);
      count.total += tiles * static_cast<double>(cores) * chips;
      if (cores > 1 && resident)
        count.noc_transfers += static_cast<double>(cores) * static_cast<double>(cores - 1) * chips;
    }
  }
  return count;
}

void check_tile_count(const DesignPoint& point, const models::SystemPlan& plan) {
  const TileCount count = count_run_tiles(point.arch, plan);
  const bool prefill = point.workload.phase != workloads::Phase::decode;  // mixed: chunk tokens too
  const Location& where = point.sram_capacity_location;
  if (count.largest_op > kMaxTilesPerOp)
    fail_at(where, "arch.core.sram.capacity",
            fmt::format("one op of the run makes about {:.2g} tiles on a core; pjsim allows at most {:.0g} per op (they are "
                        "held together, about 200 bytes each): fewer {} or more SRAM per core",
                        count.largest_op, kMaxTilesPerOp, prefill ? "prompt tokens or sequences" : "sequences or context"));
  if (count.total > kMaxTilesPerRun)
    fail_at(where, "arch.core.sram.capacity",
            fmt::format("the run makes about {:.2g} tiles over its chips and cores; pjsim simulates at most {:.0g} per run "
                        "(hours of simulation): fewer chips, cores, {}, or more SRAM per core",
                        count.total, kMaxTilesPerRun, prefill ? "prompt tokens" : "steps or context"));
  if (count.noc_transfers > kMaxNocTransfersPerRun)
    fail_at(point.cores_location, "arch.chip.cores",
            fmt::format("the run makes about {:.2g} on-chip transfers (each op's output is gathered by every core from every "
                        "other: {} x {} per op); pjsim simulates at most {:.0g} per run: fewer cores per chip",
                        count.noc_transfers, point.arch.chip.cores, point.arch.chip.cores - 1, kMaxNocTransfersPerRun));
}

}  // namespace pjsim::sim
