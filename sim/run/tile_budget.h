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
};

TileCount count_run_tiles(const models::ArchParams& arch, const models::SystemPlan& plan);

/// Tiles of one op on one core: held in memory together.
constexpr double kMaxTilesPerOp = 2e6;
/// Tiles of the whole run: about an hour of simulation at a few microseconds per tile.
constexpr double kMaxTilesPerRun = 1e9;

/// Throws UserError, located at the workload key most responsible, past either limit.
void check_tile_count(const DesignPoint& point, const models::SystemPlan& plan);

}  // namespace pjsim::sim
