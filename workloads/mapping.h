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
//             m x d activations point to point to the next stage. Stages run one after the other
//             for a step (no micro-batching: see docs/mapping.md).
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
};

enum class CollectiveOp { all_reduce, all_gather, all_to_all, send_recv };
const char* to_string(CollectiveOp c);

/// A collective as a step of the program of every chip taking part in it.
struct CollectiveCall {
  CollectiveOp op = CollectiveOp::all_reduce;
  std::vector<std::size_t> axes;   ///< the groups: chips equal on every other axis (send_recv: the pipeline axis)
  std::uint64_t bytes = 0;         ///< all-reduce: the buffer; all-gather: the gathered result; all-to-all: each
                                   ///< chip's whole send buffer; send: the message
  std::uint64_t id = 0;            ///< the same collective has the same id on every chip
  std::uint64_t stage = 0;         ///< chips of this pipeline stage take part (send_recv: the sending stage)
  std::string after;               ///< name of the op it follows, for reports
  int layer = -1;                  ///< layer of that op (ledger tag)
};

/// One entry of a chip's program: an op (its part of it) or a collective.
struct ChipItem {
  bool is_collective = false;
  Op op;
  CollectiveCall collective;
};

std::uint64_t degree(const std::vector<std::size_t>& axes, const std::vector<std::uint64_t>& dims);

/// Checks the mapping against the mesh and the workload; returns an empty string when valid, else
/// one sentence naming the problem (the config layer adds file, line and key).
std::string mapping_problem(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const WorkloadSpec& w);

ChipRole role_of(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const std::vector<std::uint64_t>& coords,
                 Phase phase = Phase::decode);

/// The workload one data-parallel replica serves (batch / D); with expert parallelism the E_p
/// chips of an expert group serve it together (routing is drawn over the group's tokens).
WorkloadSpec replica_workload(const WorkloadSpec& w, const MappingSpec& m, const std::vector<std::uint64_t>& dims);

/// The program of the chip with `role`, from the replica's ops in order (from build_step_graph).
/// Collective ids count from 0 in program order and are equal across chips.
std::vector<ChipItem> chip_items(const std::vector<Op>& replica_ops, const ModelShape& model, const ChipRole& role,
                                 const MappingSpec& m);

}  // namespace pjsim::workloads
