// Splits one core's share of an operator into tiles: the unit of work the core's DMA and compute
// engines exchange. Pure arithmetic: no SystemC, so it is tested on its own.
//
// SRAM budget of a core (capacity S): half for activations, half for `buffers` operand buffers
// of S / (2 x buffers) each (the DMA fills one while the matrix unit works on another).
//
//   gemm, activations resident in SRAM (decode): only weights stream. Weight tiles are k_t x n_t
//     with k_t = K when a K x C column block fits a buffer (else k_t is cut to a multiple of R and
//     partial sums are kept in SRAM as fp32), n_t the largest multiple of C that fits.
//     HBM weight traffic = K x N x weight bits, once.
//   gemm, activations spilled to HBM (large prefill): output-stationary blocking. Output blocks of
//     b x b (b the largest multiple of C with b^2 fp32 accumulators <= S/4), reduction chunks k_t
//     so that an A chunk (b x k_t) and a B chunk (k_t x b) share one buffer. HBM traffic =
//     M x N x K x bits x (1/b_n + 1/b_m), plus the outputs written once.
//   attention (fused, FlashAttention-style): per (sequence, kv-head) instance, KV chunks of n_t
//     positions stream through a buffer; Q rows are blocked so that Q, the fp32 output
//     accumulator and the scores of a chunk fit in the activation half; each tile runs the two
//     GEMMs S = Q K^T and O = P V and the softmax on the vector unit. Small instances (decode)
//     are packed several to a tile.
//   gemm weights may be quantised with group scales or N:M sparse (models/weight_format.h): the
//     tiles are sized by the bits per dense weight, and scales and metadata load beside them.
//   vector and embedding ops: one tile per core share (spilled activations go through HBM).
#pragma once

#include <cstdint>
#include <vector>

#include "models/arch_params.h"
#include "models/systolic_timing.h"
#include "workloads/op_graph.h"

namespace pjsim::models {

struct Tile {
  // Loaded by the DMA into a buffer before compute.
  std::uint64_t load_operand_bits = 0;     ///< weights, KV or embedding rows, from HBM
  std::uint64_t load_activation_bits = 0;  ///< spilled activations, from HBM
  std::uint64_t load_scale_bits = 0;       ///< group scales of quantised weights, from HBM
  std::uint64_t load_metadata_bits = 0;    ///< N:M sparsity index bits, from HBM (also read from SRAM by the array)
  // Compute.
  std::uint64_t instances = 1;
  GemmShape gemm[2];                       ///< attention runs two GEMMs per tile
  int gemm_count = 0;
  std::uint64_t macs = 0;
  std::uint64_t vector_ops = 0;
  std::uint64_t sram_read_operand_bits = 0;     ///< B operand into the array
  std::uint64_t sram_read_scale_bits = 0;       ///< group scales read for dequantisation, wherever the weights live
  std::uint64_t sram_read_metadata_bits = 0;    ///< N:M index bits read by the array, wherever the weights live
  std::uint64_t sram_read_activation_bits = 0;  ///< A operand, vector inputs, partial sums
  std::uint64_t sram_write_activation_bits = 0; ///< outputs, scores, partial sums
  // Written out after compute.
  std::uint64_t store_activation_bits = 0;  ///< spilled outputs, to HBM
  std::uint64_t store_kv_bits = 0;          ///< K and V appended to the cache, to HBM

  bool needs_buffer() const {
    return load_operand_bits + load_activation_bits + load_scale_bits + load_metadata_bits > 0;
  }
};

/// The part of `op` that core `core` of `cores` executes: gemm columns (n), attention instances,
/// or rows (m) of vector and embedding ops, split as evenly as integers allow.
workloads::Op shard_op(const workloads::Op& op, std::uint64_t core, std::uint64_t cores);

/// Whether the op's whole input and output activations fit in the activation half of a core's SRAM.
bool activations_fit(const workloads::Op& op, const CoreParams& core);

/// How many tiles tile_op makes of this shard, without making them (to bound a run before it
/// allocates anything).
std::uint64_t count_tiles(const workloads::Op& shard, const CoreParams& core, bool activations_resident);

/// Tiles of one core's shard (from shard_op). Their MACs sum to shard.macs() exactly.
std::vector<Tile> tile_op(const workloads::Op& shard, const CoreParams& core, bool activations_resident);

}  // namespace pjsim::models
