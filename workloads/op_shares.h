// Each chip's share of an op under tensor, context (decode split or prefill ring) and expert
// parallelism, and the small arithmetic the mapping shares: the split of a count over ranks, the
// first layer of each pipeline stage, bytes of a tensor. Used by chip_items (chip_program.cc).
//
// Example: Llama-3-8B's "layer0.gate_up" (n = 2 x 14336) under tensor parallelism of degree 4:
// shard_for_tensor gives n = 7168 on every rank; share(10, 3, 4) == 2 (ranks 0..1 take 3).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workloads/mapping.h"

namespace pjsim::workloads {

/// Rank `part`'s share of `total` split over `parts`: the first total % parts ranks take one more.
std::uint64_t share(std::uint64_t total, std::uint64_t part, std::uint64_t parts);
/// First layer of each pipeline stage, plus the end: stage s has layers [starts[s], starts[s + 1]).
std::vector<std::uint64_t> stage_starts(std::uint64_t layers, std::uint64_t stages);
/// "layer3.o_proj" -> "o_proj".
std::string suffix_of(const std::string& name);
/// Bytes of `elements` of precision p, rounded up.
std::uint64_t bytes_of(std::uint64_t elements, Precision p);

/// The chip's part of `op` under tensor parallelism (heads, MLP columns, vocabulary rows).
Op shard_for_tensor(const Op& op, const ModelShape& s, const ChipRole& r);
/// Attention by batch: the K and V projection (`<layer>.qkv_kv`) of all KV heads for this chip's
/// batch / T sequences, from the whole-batch `qkv` op.
Op kv_projection(const Op& qkv, const ModelShape& s, const ChipRole& r);
/// Context parallelism in decode: this chip's share of every sequence's KV positions.
void shard_for_context(Op& o, const ChipRole& r);
/// Ring attention (context parallelism in prefill): the ops this chip runs for `o` (maybe none).
std::vector<Op> ring_ops(Op o, const ChipRole& r);
/// Expert parallelism: false when the op is another chip's expert; else `o` becomes this chip's
/// share of the tokens.
bool shard_for_experts(Op& o, const ChipRole& r);
/// Rank `rank` of `p`'s share of the op's sequences (attention: whole instances; other ops: rows).
void shard_by_batch(Op& o, std::uint64_t rank, std::uint64_t p);

}  // namespace pjsim::workloads
