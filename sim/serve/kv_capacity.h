// How much KV cache a served design point holds: on every chip, the HBM left after its weights,
// its share of the embedding table and `serving.kv.reserved` (activations and buffers), divided
// by the KV bits one position puts on that chip; the fullest chip bounds the mesh.
//
// Example: Llama-3-8B bf16 on one 32 GiB TPU-v4-like chip: weights 13.97 GiB + embedding
// 0.98 GiB, reserved 1 GiB -> 16.05 GiB for KV at 128 KiB per position (32 layers x 8 KV heads
// x 128 x 2 x 16 bits) = 131,481 positions = 8,217 blocks of 16.
#pragma once

#include <cstdint>

#include "sim/config/design_point.h"

namespace pjsim::sim {

struct KvCapacity {
  std::uint64_t blocks = 0;          ///< paged blocks of serving.kv.block_tokens
  std::uint64_t positions = 0;       ///< blocks x block_tokens
  std::uint64_t bits_per_token = 0;  ///< KV bits of one position, all chips
  double free_bytes = 0;             ///< HBM for KV on the fullest chip
};

/// Throws UserError (at arch.chip.hbm.capacity) when the weights leave no room for KV, and at
/// workload.mapping.data when the point has data-parallel replicas (not served yet).
KvCapacity kv_capacity(const DesignPoint& point);

}  // namespace pjsim::sim
