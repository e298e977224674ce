// Mapping a step over a mesh of chips: which chip runs which part of which op, and which
// collectives join them. Pure arithmetic: the mesh is given by its dimensions and the chip by its
// coordinates; no topology or SystemC here.
//
// A mapping assigns mesh axes (0 = x, 1 = y, 2 = z) to kinds of parallelism; every axis of the
// mesh is assigned exactly once; the degree of a kind is the product of its axes' sizes:
//
//   tensor    (Megatron-style) heads, MLP columns and vocabulary split T ways; after the
//             row-parallel o_proj and down projections an all-reduce of the m x d output over the
//             tensor group; the embedding gathers its rows T ways and all-gathers them.
//   pipeline  layers split into P contiguous stages (one axis); the stage boundary sends the
//             m x d activations point to point to the next stage (the sender does not wait for
//             the receiver). A pass's batch may be split into M micro-batches
//             (mapping.microbatches) that follow each other through the stages; each pass after
//             the first needs the token its micro-batch produced in the previous pass: the last
//             stage sends those token ids (4 bytes each) back to stage 0, which waits for them
//             before the micro-batch enters it. See docs/mapping.md.
//   data      B/D sequences per replica; replicas never talk during inference.
//   expert    (MoE) E_p chips along the expert axes share the experts (expert e lives on expert
//             rank e mod E_p) and split the tokens of every other op E_p ways, like data
//             parallelism; an all-to-all dispatch after the router sends each token's hidden
//             vector to the chips of its k experts, an all-to-all combine brings the results
//             back. The chip with the busiest experts sets the pace (the combine waits for it).
//   context   decode: the KV positions of every sequence split C ways: each chip attends its
//             share of the cache (the newest position lives on the last rank), then an all-reduce
//             over the context group combines the partial outputs and their softmax statistics
//             (flash-decoding style); other ops are replicated on every context rank.
//             prefill (ring attention): each chip holds 1/C of every sequence's tokens for all ops
//             and their KV; before each attention the KV blocks travel around the ring (a ring
//             all-gather over the context axes), and each chip's queries attend its own block
//             (`attention`, from its KV cache) and the visiting ones (`attention_ring`, in SRAM).
//
// Attention by batch (mapping.attention: batch, with tensor parallelism T): qkv computes this chip's
// query heads for the whole batch and, as a second op `qkv_kv`, the K and V of all KV heads for its
// batch / T sequences (so a multi-query KV cache is split T ways, not replicated); an all-to-all over
// the tensor axes re-shards the queries by batch before the attention (every head, batch / T
// sequences) and one after it brings the outputs back to heads for o_proj. Per chip and layer that
// adds 2 x (T - 1)/T x batch x (heads / T) x head_dim elements sent.
//
// Weight-gathered (mapping.gathered, G chips): every op takes this chip's batch / G sequences;
// each matmul weight is stored 1/G per chip and all-gathered over the gathered axes just before
// the op (the chip reads its shard from HBM, the gathered weight lands in SRAM). Per chip and
// layer: (G - 1)/G x the layer's weight bytes sent, independent of the batch; no activation moves.
//
// How an op splits under tensor parallelism is set by its name's last component (op_graph.h names):
//   qkv gate_up lm_head: columns | o_proj down: rows + all-reduce | attention rope act: heads or
//   columns | embedding: rows + all-gather | everything else (norms, residuals): replicated.
//
// Example: Llama-3-8B, batch 16, a 4x4x4 torus, tensor: [x], pipeline: [y], data: [z]:
// T = 4, P = 4, D = 4; each chip serves 4 sequences, 8 layers, 8 of 32 query heads, 2 of 8 KV
// heads, 3584 of 14336 MLP columns, and takes part in 16 all-reduces of 4 x 4096 bf16 per step.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workloads/mapping_spec.h"
#include "workloads/op_graph.h"
#include "workloads/workload_spec.h"

namespace pjsim::workloads {

/// Degrees and this chip's rank in each kind of parallelism.
struct ChipRole {
  std::uint64_t tensor_rank = 0, tensor_size = 1;
  std::uint64_t stage = 0, stages = 1;
  std::uint64_t replica = 0, replicas = 1;
  std::uint64_t expert_rank = 0, expert_size = 1;
  std::uint64_t context_rank = 0, context_size = 1;
  bool ring = false;  ///< context parallelism in prefill: ring attention
  bool attention_by_batch = false;  ///< tensor parallelism with attention split by batch (mapping.attention)
  std::uint64_t hidden_rank = 0, hidden_size = 1;  ///< 2D weight-stationary: d_model split X ways (mapping.hidden)
  std::uint64_t gathered_rank = 0, gathered_size = 1;  ///< weight-gathered: batch split, weights gathered G ways
};

enum class CollectiveOp { all_reduce, all_gather, all_to_all, send_recv, reduce_scatter };
const char* to_string(CollectiveOp c);

/// A collective as a step of the program of every chip taking part in it.
struct CollectiveCall {
  CollectiveOp op = CollectiveOp::all_reduce;
  std::vector<std::size_t> axes;   ///< the groups: chips equal on every other axis (send_recv: the pipeline axis)
  std::uint64_t bytes = 0;         ///< all-reduce: the buffer; all-gather: the gathered result; all-to-all: each
                                   ///< chip's whole send buffer; send: the message
  std::uint64_t id = 0;            ///< the same collective has the same id on every chip
  std::uint64_t stage = 0;         ///< chips of this pipeline stage take part (send_recv: the sending stage)
  std::uint64_t to_stage = 0;      ///< send_recv: the receiving stage (stage + 1, or 0 for a token sent back)
  std::string after;               ///< name of the op it follows, for reports
  int layer = -1;                  ///< layer of that op (ledger tag)
  double element_bits = 16;        ///< bits of one element of the buffer (a reduction adds elements)
  bool weights = false;            ///< a weight-gathered layout's weights: each chip reads its shard from HBM
  /// all_to_all: bytes group rank i sends group rank j at [i * p + j] (MoE: the tokens routed to
  /// each rank's experts); empty: bytes / p to every rank.
  std::vector<std::uint64_t> matrix;
};

/// One entry of a chip's program: an op (its part of it) or a collective.
struct ChipItem {
  bool is_collective = false;
  std::uint64_t microbatch = 0;  ///< which micro-batch of its pass (mapping.microbatches)
  Op op;
  CollectiveCall collective;
};

std::uint64_t degree(const std::vector<std::size_t>& axes, const std::vector<std::uint64_t>& dims);

/// Checks the mapping against the mesh and the workload; returns an empty string when valid, else
/// one sentence naming the problem (the config layer adds file, line and key).
std::string mapping_problem(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const WorkloadSpec& w);
/// The part of mapping_problem about m.microbatches: at least 1, at most the batch per replica,
/// dividing it (and leaving a micro-batch the expert degree divides).
std::string microbatch_problem(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const WorkloadSpec& w);
/// The part about m.hidden (2D weight-stationary): alone with tensor and pipeline/data, and the
/// chips X x Y dividing d_model, the heads, d_ff (and the KV heads, or the other way round).
std::string layout_2d_problem(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const WorkloadSpec& w);
/// The part about m.gathered (weight-gathered): alone with tensor, pipeline and data, and G dividing
/// the batch per replica and micro-batch.
std::string gathered_problem(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const WorkloadSpec& w);
/// What a mixed step with prefill chunks cannot be mapped with (data, expert, context, gathered
/// axes, attention: batch, micro-batches): the problem and the mapping key it is about
/// ("data", "attention", "microbatches", ...); empty otherwise. Tensor (with hidden) and
/// pipeline parallelism work: attention splits by heads, layers by stages.
struct MixedProblem {
  std::string problem, key;
};
MixedProblem mixed_problem(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const WorkloadSpec& w);
/// The part about m.attention: batch needs tensor axes, no context parallelism, and a batch per
/// replica and micro-batch that the tensor degree divides.
std::string attention_problem(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const WorkloadSpec& w);

ChipRole role_of(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const std::vector<std::uint64_t>& coords,
                 Phase phase = Phase::decode);

/// The workload one data-parallel replica serves (batch / D); with expert parallelism the E_p
/// chips of an expert group serve it together (routing is drawn over the group's tokens).
WorkloadSpec replica_workload(const WorkloadSpec& w, const MappingSpec& m, const std::vector<std::uint64_t>& dims);
/// One micro-batch of a replica: batch / (D x m.microbatches) sequences.
WorkloadSpec microbatch_workload(const WorkloadSpec& w, const MappingSpec& m, const std::vector<std::uint64_t>& dims);

/// The program of the chip with `role`, from the ops of one micro-batch of the replica in order
/// (run_ops of a workload whose batch is the replica's batch / m.microbatches). A pass starts at
/// each embedding op; every pass runs once per micro-batch. Collective ids count from 0 in the
/// order (pass, micro-batch, op) and are equal across chips.
std::vector<ChipItem> chip_items(const std::vector<Op>& microbatch_ops, const ModelShape& model, const ChipRole& role,
                                 const MappingSpec& m);

}  // namespace pjsim::workloads
