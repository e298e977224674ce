// How a workload is laid over a mesh of chips (see workloads/mapping.h for what each kind of
// parallelism does) and where each chip keeps its weights and KV cache.
//
// Example: tensor: [x], pipeline: [y], data: [z] on a 4x4x4 torus: T = P = D = 4.
#pragma once

#include <cstddef>
#include <vector>

namespace pjsim::workloads {

struct MappingSpec {
  std::vector<std::size_t> tensor, pipeline, data, expert, context;  ///< mesh axes
};

/// Where a chip keeps its weights and KV cache: `automatic` puts them in the cores' SRAM when
/// they fit in the half of it that streamed operands would otherwise use, else in HBM.
enum class Residence { automatic, sram, hbm };
struct PlacementSpec {
  Residence weights = Residence::automatic;
  Residence kv = Residence::automatic;
};

}  // namespace pjsim::workloads
