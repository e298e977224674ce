// How many tiles a planned run makes (models/tiler.h: the unit of work of a core's DMA and compute
// engines), counted before any is made, and the limits past which pjsim refuses the run.
//
// Every tile is a few SystemC events and, while its op runs, about 200 bytes: a run's events and
// memory grow with its tiles. The count is exact per op (models::count_tiles on core 0's shard,
// the largest, times the cores) and per chip program (chips that share a program count once per
// chip, without being tiled one by one).
//
// Example: a 4M-token prompt on tiny-llama tiles one attention op into ~2e9 tiles per core ->
// UserError at workload.prompt_tokens: "one op of the run makes about 2.1e+09 tiles on a core; pjsim
// allows at most 2e+06 per op (about 400 MB): fewer tokens or more SRAM per core".
#pragma once

#include "models/system_plan.h"
#include "sim/config/design_point.h"

namespace pjsim::sim {

struct TileCount {
  double total = 0;       ///< all chips, cores and ops of the run
  double largest_op = 0;  ///< one core's tiles of one op: they exist together while it runs
  /// On-chip transfers of the all-gathers after ops whose activations stay in SRAM: every core
  /// sends its part of the output to every other core (models/core.h), cores x (cores - 1) per op.
  double noc_transfers = 0;
};

TileCount count_run_tiles(const models::ArchParams& arch, const models::SystemPlan& plan);

/// Tiles of one op on one core: held in memory together.
constexpr double kMaxTilesPerOp = 2e6;
/// Tiles of the whole run: each costs 15-40 us of simulation (DMA, compute and SRAM transactions;
/// the default point makes 5.1e3 in 0.28 s, an 8x8 data-parallel mesh 3.2e5 in 5 s), so 1e8 is
/// about half an hour. Data-parallel replicas are simulated chip by chip and count in full.
constexpr double kMaxTilesPerRun = 1e8;

/// On-chip transfers of the whole run: they grow with the square of the cores per chip. On the
/// default point 256 cores make 2.3e7 (about 9 s), 512 cores 9.2e7 (about 40 s), 1024 cores 3.7e8.
constexpr double kMaxNocTransfersPerRun = 5e7;

/// Throws UserError, located at the key most responsible, past any of the limits.
void check_tile_count(const DesignPoint& point, const models::SystemPlan& plan);

}  // namespace pjsim::sim
