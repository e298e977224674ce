// How a tile of gemm weights is stored, moved and multiplied once quantisation (group scales)
// and N:M structured sparsity are applied. Pure arithmetic (no SystemC).
//
// A tile covers kk x nn dense weights. With N:M sparsity executed by the array (the pattern is
// listed in MatrixUnitParams::structured_sparsity), only kept_k = ceil(kk / M) x N rows of each
// column are stored, moved and multiplied, and each kept weight carries ceil(log2 M) index bits
// of metadata. Without hardware support the weights are stored and run dense (nothing changes).
// Group scaling adds one scale of scale_precision per scale_group kept weights along k.
//
// Example: bf16 weights, 2:4 supported, kk = 256, nn = 128, m = 4:
//   kept_k 128, weight_bits 128 x 128 x 16 = 262,144 (half the dense 524,288),
//   metadata_bits 128 x 128 x 2 = 32,768 (1 bit per dense weight), macs 4 x 128 x 128 = 65,536.
// Example: int4 weights, bf16 activations, group 128, bf16 scales, kk = 256, nn = 128, m = 1:
//   weight_bits 131,072, scale_bits 2 x 128 x 16 = 4,096 (4 + 16/128 bits per weight),
//   dequant_ops 256 x 128 x kDequantOps = 65,536 on the vector unit.
#pragma once

#include <cstdint>

#include "models/arch_params.h"
#include "workloads/op_graph.h"

namespace pjsim::models {

struct WeightTileCost {
  std::uint64_t kept_k = 0;         ///< reduction rows actually multiplied (kk when dense)
  std::uint64_t weight_bits = 0;    ///< stored weight bits of the tile
  std::uint64_t scale_bits = 0;     ///< group-scale bits of the tile
  std::uint64_t metadata_bits = 0;  ///< sparsity index bits of the tile
  std::uint64_t macs = 0;           ///< after structured and (gated) activation sparsity
  std::uint64_t dequant_ops = 0;    ///< vector-unit work to dequantise or rescale
};

/// Whether the array runs the op's N:M pattern sparsely.
bool sparsity_applies(const workloads::Op& op, const MatrixUnitParams& mu);
/// Bits moved per dense weight element (weights + scales + metadata), for buffer sizing.
double bits_per_dense_weight(const workloads::Op& op, const MatrixUnitParams& mu);
/// The cost of an m x kk x nn gemm tile of `op`.
WeightTileCost weight_tile_cost(const workloads::Op& op, const MatrixUnitParams& mu, std::uint64_t m,
                                std::uint64_t kk, std::uint64_t nn);
/// Index bits per kept weight of an N:M pattern: ceil(log2 M) (2 for 2:4, 3 for 4:8).
std::uint64_t metadata_bits_per_kept(std::uint64_t m);

}  // namespace pjsim::models
