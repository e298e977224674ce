// What each core of a chip executes for a list of ops: its shard of every op, cut into tiles,
// and the bits it must share with the other cores afterwards. Pure arithmetic (no SystemC), so
// the traffic a run will produce can be checked against closed forms before simulating.
// A program holds each op's shard; tiles_of() cuts it into tiles when the core reaches the op,
// so that a run holds the tiles of the ops in flight only, not of every op of every core
// (millions of tiles for a long prefill over 64 chips; docs/performance.md).
//
// Example: Llama-3-8B decode at batch 16 on 2 cores: each gemm's columns split in two; each
// core streams half the weights (HBM weight bits per core = weight_params x 16 / 2) and, after
// the op, sends its half of the output activations to the other core (all-gather over the NoC).
#pragma once

#include <cstdint>
#include <vector>

#include "models/arch_params.h"
#include "models/tiler.h"
#include "workloads/mapping.h"
#include "workloads/op_graph.h"

namespace pjsim::models {

struct CoreOp {
  workloads::Op shard;            ///< this core's part of the op
  bool activations_resident = true;
  bool operand_resident = false;  ///< weights or KV already in SRAM: its tiles load none of the operand
  bool weight_extras_resident = false;  ///< the weights' scales and metadata too (weights in SRAM)
  bool kv_in_sram = false;        ///< K and V appended to SRAM rather than stored to HBM
  std::uint64_t gather_bits = 0;  ///< output bits sent to every other core after the op (0 with one core)
  bool is_collective = false;     ///< a collective over the chip mesh (core 0 takes part for the chip)
  workloads::CollectiveCall collective;
};

using CoreProgram = std::vector<CoreOp>;

/// Where the chip keeps its weights and KV (models/system_plan.h decides).
struct Residency {
  bool weights_in_sram = false;
  bool kv_in_sram = false;
};

/// One program per core of the chip, items (ops and collectives) in the given order. Ops whose
/// operand lives in SRAM load nothing from HBM for it.
std::vector<CoreProgram> build_core_programs(const std::vector<workloads::ChipItem>& items, const ArchParams& arch,
                                             const Residency& residency);
/// The same for plain ops, everything in HBM (one chip).
std::vector<CoreProgram> build_core_programs(const std::vector<workloads::Op>& ops, const ArchParams& arch);

/// The tiles of a core's op, in execution order (none for a collective).
std::vector<Tile> tiles_of(const CoreOp& op, const CoreParams& core);

}  // namespace pjsim::models
