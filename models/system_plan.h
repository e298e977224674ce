// The plan of a whole run before anything is simulated: the chip mesh, each chip's role and
// program items (workloads/mapping.h), and where each chip keeps its weights and KV cache.
// Pure arithmetic; the config layer calls it to reject impossible designs, the run to elaborate.
//
// Placement per chip (weights = the matmul weights of its ops, scales and sparsity metadata
// included; KV = its attention ops' K and V at the longest context of the run):
//   SRAM budget = cores x SRAM capacity / 2   (the half the operand buffers would use)
//   weights in SRAM when allowed and weights <= budget; KV too when allowed and weights + KV fit;
//   HBM must hold the rest plus the chip's share of the embedding table, else the design is
//   impossible ("chip 5 needs 41.2 GiB of HBM (weights 38.1 GiB + KV 3.1 GiB), it has 32 GiB").
// Example: Llama-3-8B bf16 on a 4x4x4 torus with tensor [x, y] and pipeline [z], SRAM 512 MiB per
// core: each chip holds 1/64 of the layers' weights (235 MB) in SRAM and reads no weight from HBM.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/arch_params.h"
#include "topologies/chip_mesh.h"
#include "workloads/mapping.h"
#include "workloads/workload_spec.h"

namespace pjsim::models {

struct ChipPlacement {
  std::uint64_t weight_bits = 0;     ///< matmul weights, scales and metadata of the chip's ops
  std::uint64_t embedding_bits = 0;  ///< the chip's share of the embedding table (always in HBM)
  std::uint64_t kv_bits = 0;         ///< the chip's KV cache at the end of the run
  bool weights_in_sram = false;
  bool kv_in_sram = false;
  std::uint64_t sram_budget_bits = 0;
  std::uint64_t hbm_capacity_bits = 0;
  std::uint64_t hbm_bits() const {
    return (weights_in_sram ? 0 : weight_bits) + (kv_in_sram ? 0 : kv_bits) + embedding_bits;
  }
  std::uint64_t sram_bits() const { return (weights_in_sram ? weight_bits : 0) + (kv_in_sram ? kv_bits : 0); }
};

struct ChipPlan {
  workloads::ChipRole role;
  /// Shared by chips of equal (tensor rank, stage): data-parallel replicas run the same program.
  std::shared_ptr<const std::vector<workloads::ChipItem>> items;
  ChipPlacement placement;
};

struct SystemPlan {
  topologies::TopologySpec topology;
  std::vector<ChipPlan> chips;
  std::string problem;  ///< empty when the design is possible, else one sentence
  /// A chip's weights + KV + embedding exceed its HBM (one sentence), apart from `problem`: a
  /// serving replay's grid steps may exceed HBM (their KV bound is the replay's paged cache).
  std::string hbm_problem;
};

/// `whole_run_ops` are the ops of the whole run for the full batch (workloads::run_ops(w)); they are
/// each replica's ops when there is no data parallelism, else the plan lowers the replica's
/// smaller batch itself. Never throws for a bad design: it fills `problem`.
SystemPlan plan_system(const ArchParams& arch, const workloads::WorkloadSpec& w, const std::vector<workloads::Op>& whole_run_ops);

}  // namespace pjsim::models
