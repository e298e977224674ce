// The operator graph of one model step: a Boost.Graph DAG whose vertices are operators.
//
// Example: a Llama-3-8B decode step at batch 16 is 1 embedding op, then per layer
// attn_norm -> qkv -> rope -> attention -> o_proj -> residual -> mlp_norm -> gate_up -> act ->
// down -> residual, then final_norm -> lm_head: 2 + 11 x 32 + 1 = 355 vertices, a single path.
//
// Shapes (T = batch x new tokens per sequence, d = hidden_size):
//   gemm       out[m x n] = A[m x k] * B[k x n]; B is a weight matrix; instances = 1.
//   attention  `instances` independent (sequence, kv-head) problems, fused FlashAttention-style:
//              scores  S[m x n] = Q[m x k] * K^T[k x n]   (m = group x new tokens, k = head_dim,
//              context O[m x k] = P[m x n] * V[n x k]      n = attended KV positions)
//              so MACs = instances x 2 x m x k x n; B operand = the K and V cache (2 x n x k).
//              Causal (prefill, query_tokens > 0): m = group x query_tokens rows (token-major), n
//              every KV position of the pass, and only the (token, position) pairs of the mask
//              are computed (causal_mask.h): MACs = instances x group x 2 x k x pairs, which for
//              a prompt of s tokens is s (s + 1) / 2 pairs, not s^2.
//   vector     element operations on the vector unit (norms, rope, activation, residual):
//              m x k is the activation shape (m = tokens, k = width); vector_ops the op count.
//   embedding  gather of m rows of the embedding table (k = hidden_size elements each).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "workloads/causal_mask.h"
#include "workloads/precision.h"

namespace pjsim::workloads {

enum class OpKind { gemm, attention, vector, embedding };
/// Report grouping of ops (energy_pj.by_op).
/// router: the MoE gate gemm and its top-k; draft: every op of a speculative-decoding draft model.
enum class OpCategory { embedding, norm, projection, attention, mlp, residual, lm_head, router, draft, collective };
/// What a moved bit is: weights, activations, KV cache, embedding rows, the group-scaling factors
/// of quantised weights (scales) or the index bits of N:M sparse weights (metadata).
enum class DataClass { weights, activations, kv, embedding, scales, metadata };

const char* to_string(OpKind k);
const char* to_string(OpCategory c);
const char* to_string(DataClass c);
const std::vector<OpCategory>& all_op_categories();
const std::vector<DataClass>& all_data_classes();

struct Op {
  std::string name;            ///< "layer3.qkv", "lm_head"
  OpKind kind = OpKind::gemm;
  OpCategory category = OpCategory::projection;
  int layer = -1;              ///< -1 outside the transformer layers
  std::uint64_t instances = 1;
  std::uint64_t m = 0, k = 0, n = 0;   ///< per instance, see the header comment
  std::uint64_t vector_ops = 0;        ///< element ops on the vector unit, whole op
  std::uint64_t kv_append_elements = 0;  ///< attention: K and V elements appended to the cache
  Precision operand_precision = Precision::bf16;  ///< B operand: weights or KV (or embedding rows)
  Precision activation_precision = Precision::bf16;
  /// MoE: the expert this op belongs to (gate_up, act, down; -1 for every other op), so that
  /// expert parallelism can place an expert's ops on its chip.
  int expert = -1;
  /// The B operand reaches SRAM by other means than a DMA load from HBM (ring attention's KV
  /// blocks arrive over the inter-chip links): tiles load nothing for it.
  bool operand_in_sram = false;
  /// Weight-gathered layout: the chip stores 1/weight_shards of this op's weights and gathers the
  /// rest over the links just before the op (operand_in_sram then holds). 1 = stores them all.
  std::uint64_t weight_shards = 1;
  /// Group scaling of the B operand (gemm weights): one scale of `scale_precision` per
  /// `scale_group` consecutive weights along k (0 = no scales). Example: int4, group 128, bf16
  /// scales -> 4 + 16/128 = 4.125 bits per weight moved.
  std::uint64_t scale_group = 0;
  Precision scale_precision = Precision::bf16;
  /// N:M structured sparsity of the B operand (gemm weights): N of every M weights along k are
  /// kept (0 = dense). Applied only where the hardware supports the pattern (models/tiler.h).
  std::uint64_t sparsity_n = 0, sparsity_m = 0;
  /// Fraction of A-operand (activation) elements that are non-zero: 1 = dense. MACs on zeros are
  /// skipped only where the hardware gates them (models/tiler.h).
  double activation_density = 1.0;
  /// The weights are dequantised on the vector unit before entering the array (set by the
  /// lowering when the MAC format differs from the stored weight format).
  bool dequantise = false;
  /// Attention: new tokens per sequence under a causal mask (0 = not causal: every row attends
  /// all n positions, as a decode token does), and the mask's offset and window (causal_mask.h).
  std::uint64_t query_tokens = 0;
  CausalMask mask;

  /// Attention: query heads per instance (rows per token); 1 for a non-causal op's rows.
  std::uint64_t group() const { return query_tokens ? m / query_tokens : 1; }
  /// Attention: (row, position) scores computed, whole op: instances x m x n, or under the causal
  /// mask instances x group x causal pairs.
  std::uint64_t scores() const;
  /// Attention: KV positions held per instance (the window caps a causal op's n).
  std::uint64_t held_positions() const;

  /// Multiply-accumulates of the whole op.
  std::uint64_t macs() const;
  /// Elements of the B operand (weights, K and V, or gathered embedding rows) the op reads.
  std::uint64_t operand_elements() const;
  /// Activation elements read (A operand; vector ops: their input) and written.
  std::uint64_t input_elements() const;
  std::uint64_t output_elements() const;
  /// The class of the B operand's bits.
  DataClass operand_class() const;
};

using OpGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Op>;

/// Vertices in an order that respects every edge (Boost topological_sort).
std::vector<Op> ops_in_order(const OpGraph& g);

}  // namespace pjsim::workloads
