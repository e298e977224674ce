// Micro-workloads: a single operation instead of a transformer, for validating pjsim against
// independent references (docs/validation.md).
//
//   gemm    one GEMM out[M x N] = A[M x K] x B[K x N], B in the weights class (category
//           projection), A and the output activations. `workload.model: gemm` with
//           `workload.gemm: {m, k, n, operands_in_sram}`. With operands_in_sram (the default) B is
//           placed in SRAM and A is resident when it fits the activation half of the SRAM, so the
//           matrix unit never waits for a DMA: the simulated cycles are the array's cycles.
//           Example: {m: 64, k: 64, n: 32} int8 -> one op "gemm", 131072 MACs (64 x 64 x 32).
//   access  one memory transaction of `bits` bits, for pricing a single access.
//           `workload.model: access` with `workload.access: {tier: sram|hbm, bits: 64}`:
//             sram  a vector-unit op with no arithmetic that reads `bits` bits of int8
//                   activations from the core SRAM (and writes them back): sram_read_bits = bits;
//             hbm   one embedding-row gather of `bits` bits of int8 from HBM (a DMA load, which
//                   lands in SRAM): hbm_read_bits = bits.
//           Example: {tier: sram, bits: 64} on a horowitz-45nm 8 KiB SRAM -> 64 x 0.15625 = 10 pJ.
// Both ops sit outside the transformer layers (layer -1): they run on one chip, and a micro
// "model" has no layers, no weights to fit in HBM beyond B, and no KV cache.
#pragma once

#include <cstdint>
#include <vector>

#include "workloads/op_graph.h"
#include "workloads/precision.h"

namespace pjsim::workloads {

enum class MicroKind { none, gemm, access };
enum class AccessTier { sram, hbm };

struct MicroSpec {
  MicroKind kind = MicroKind::none;
  std::uint64_t m = 0, k = 0, n = 0;  ///< gemm shape
  bool operands_in_sram = true;       ///< gemm: B placed in SRAM (no HBM load before compute)
  AccessTier tier = AccessTier::sram; ///< access: which memory
  std::uint64_t bits = 64;            ///< access: bits moved, a multiple of 8 (int8 elements)
};

/// The single op of a micro-workload (empty for MicroKind::none).
/// weights / activations: the precisions of the gemm's B and A operands (access ops are int8).
std::vector<Op> micro_ops(const MicroSpec& s, Precision weights, Precision activations);

}  // namespace pjsim::workloads
