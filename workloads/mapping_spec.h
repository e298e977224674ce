// How a workload is laid over a mesh of chips (see workloads/mapping.h for what each kind of
// parallelism does) and where each chip keeps its weights and KV cache.
//
// Example: tensor: [x], pipeline: [y], data: [z] on a 4x4x4 torus: T = P = D = 4.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pjsim::workloads {

/// How attention is split over the tensor axes: by heads (with the projections), or by batch (each
/// chip attends all heads of its batch / T sequences and keeps only their KV cache; queries and
/// outputs are re-sharded by all-to-all; K and V are projected by each chip for its own sequences).
enum class AttentionSharding { heads, batch };

struct MappingSpec {
  std::vector<std::size_t> tensor, pipeline, data, expert, context;  ///< mesh axes
  /// 2D weight-stationary layout: the axes that split d_model (X = their degree); `tensor` then splits
  /// heads and d_ff (Y). Empty: the 1D layout (tensor splits heads and d_ff only).
  std::vector<std::size_t> hidden;
  /// Weight-gathered layout: the axes over which every weight is stored sharded and all-gathered
  /// just before use, while the batch is split over them (G = their degree).
  std::vector<std::size_t> gathered;
  /// Micro-batches a pass's batch (per replica) is split into; they flow through the pipeline
  /// stages one after another (GPipe-style forward). 1 = the whole batch at once.
  std::uint64_t microbatches = 1;
  AttentionSharding attention = AttentionSharding::heads;
};

/// Where a chip keeps its weights and KV cache: `automatic` puts them in the cores' SRAM when
/// they fit in the half of it that streamed operands would otherwise use, else in HBM.
enum class Residence { automatic, sram, hbm };
struct PlacementSpec {
  Residence weights = Residence::automatic;
  Residence kv = Residence::automatic;
};

}  // namespace pjsim::workloads
