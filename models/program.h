// What each core of a chip executes for a list of ops: its shard of every op, cut into tiles,
// and the bits it must share with the other cores afterwards. Pure arithmetic (no SystemC), so
// the traffic a run will produce can be checked against closed forms before simulating.
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
  std::vector<Tile> tiles;
  bool activations_resident = true;
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

}  // namespace pjsim::models
