#include "workloads/op_shares.h"

#include <cmath>

namespace pjsim::workloads {

namespace {

// Rank-local widths under tensor parallelism of degree t.
struct TensorShare {
  std::uint64_t heads, kv_heads, group, head_dim;
};

TensorShare tensor_share(const ModelShape& s, std::uint64_t t) {
  TensorShare share;
  share.heads = s.num_attention_heads / t;
  share.kv_heads = s.num_key_value_heads >= t ? s.num_key_value_heads / t : 1;  // replicated when t > kv heads
  share.group = share.heads / share.kv_heads;
  share.head_dim = s.head_dim;
  return share;
}

std::uint64_t per_element(std::uint64_t ops, std::uint64_t elements) { return elements ? ops / elements : 0; }

}  // namespace

std::uint64_t share(std::uint64_t total, std::uint64_t part, std::uint64_t parts) {
  return total / parts + (part < total % parts ? 1 : 0);
}

std::vector<std::uint64_t> stage_starts(std::uint64_t layers, std::uint64_t stages) {
  std::vector<std::uint64_t> starts{0};
  for (std::uint64_t s = 0; s < stages; ++s) starts.push_back(starts.back() + share(layers, s, stages));
  return starts;
}

std::string suffix_of(const std::string& name) {
  const auto dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

std::uint64_t bytes_of(std::uint64_t elements, Precision p) {
  return static_cast<std::uint64_t>(std::ceil(static_cast<double>(elements) * bits_per_element(p) / 8));
}

Op shard_for_tensor(const Op& op, const ModelShape& s, const ChipRole& r) {
  const std::uint64_t t = r.tensor_size;
  if (t == 1) return op;
  const TensorShare ts = tensor_share(s, t);
  const std::string suffix = suffix_of(op.name);
  Op o = op;
  if (suffix == "qkv") {
    o.n = (ts.heads + (r.attention_by_batch ? 0 : 2 * ts.kv_heads)) * ts.head_dim;
  } else if (suffix == "rope") {
    const std::uint64_t ops = per_element(op.vector_ops, op.m * op.k);
    if (r.attention_by_batch) {  // this chip's query heads for every token, all K heads for its tokens
      o.k = ts.heads * ts.head_dim;
      o.vector_ops = (o.m * o.k + op.m / t * s.num_key_value_heads * s.head_dim) * ops;
    } else {
      o.k = (ts.heads + ts.kv_heads) * ts.head_dim;
      o.vector_ops = o.m * o.k * ops;
    }
  } else if (suffix == "attention" && r.attention_by_batch) {
    const std::uint64_t ops = per_element(op.vector_ops, op.instances * op.m * op.n);
    o.instances = op.instances / t;  // whole sequences: the batch divides by t (attention_problem)
    o.vector_ops = o.instances * o.m * o.n * ops;
    o.kv_append_elements = op.kv_append_elements / t;
  } else if (suffix == "attention") {
    const std::uint64_t group = s.num_attention_heads / s.num_key_value_heads;
    const std::uint64_t ops = per_element(op.vector_ops, op.scores());
    o.instances = op.instances / s.num_key_value_heads * ts.kv_heads;
    o.m = op.m / group * ts.group;
    o.vector_ops = o.scores() * ops;
    o.kv_append_elements = op.kv_append_elements / s.num_key_value_heads * ts.kv_heads;
  } else if (suffix == "o_proj") {
    o.k = ts.heads * ts.head_dim;
  } else if (suffix == "gate_up") {
    o.n = op.n / t;
  } else if (suffix == "act") {
    const std::uint64_t ops = per_element(op.vector_ops, op.m * op.k);
    o.k = op.k / t;
    o.vector_ops = o.m * o.k * ops;
  } else if (suffix == "down") {
    o.k = op.k / t;
  } else if (suffix == "lm_head") {
    o.n = share(op.n, r.tensor_rank, t);
  } else if (op.kind == OpKind::embedding) {
    o.m = share(op.m, r.tensor_rank, t);
  }
  return o;
}

Op kv_projection(const Op& qkv, const ModelShape& s, const ChipRole& r) {
  Op o = qkv;
  o.name += "_kv";
  o.m = qkv.m / r.tensor_size;
  o.k = s.hidden_size;
  o.n = 2 * s.num_key_value_heads * s.head_dim;
  return o;
}

// Context parallelism: this chip attends its share of every sequence's KV positions; the newest
// positions (appended by this step) live on the last rank.
void shard_for_context(Op& o, const ChipRole& r) {
  if (r.context_size == 1 || o.kind != OpKind::attention || r.ring) return;
  const std::uint64_t ops = per_element(o.vector_ops, o.scores());
  o.n = share(o.n, r.context_rank, r.context_size);
  o.vector_ops = o.scores() * ops;
  if (r.context_rank + 1 != r.context_size) o.kv_append_elements = 0;
}

// Ring attention (context parallelism in prefill): this chip's share of every op's tokens; the
// LM head and final norm (last positions of the sequences) on the last rank only; attention as
// its own KV block plus the visiting blocks, already in SRAM. Returns the ops to run (maybe none).
std::vector<Op> ring_ops(Op o, const ChipRole& r) {
  if (!r.ring) return {o};
  const std::uint64_t c = r.context_size, rank = r.context_rank;
  if (o.kind == OpKind::attention) {
    const std::uint64_t ops = per_element(o.vector_ops, o.scores());
    const std::uint64_t group = o.query_tokens ? o.group() : o.m / o.n;  // rows per token (the GQA group)
    const std::uint64_t own = share(o.n, rank, c);
    std::uint64_t start = 0;  // KV positions of the earlier ranks' blocks
    for (std::uint64_t q = 0; q < rank; ++q) start += share(o.n, q, c);
    o.m = group * own;
    Op visiting = o;
    o.n = own;
    o.kv_append_elements = o.kv_append_elements / c;
    if (o.query_tokens) {
      // Causal: the own block is a prompt of its own (a triangle); of the visiting blocks only the
      // earlier ranks' are attended, in full (a window may cut them), the later ones are masked.
      o.query_tokens = own;
      o.mask.offset = 0;
      visiting.query_tokens = own;
      visiting.mask.offset = start;
      visiting.n = start;
    } else {
      visiting.n = visiting.n - own;
    }
    o.vector_ops = o.scores() * ops;
    visiting.name += "_ring";
    visiting.kv_append_elements = 0;
    visiting.operand_in_sram = true;
    visiting.vector_ops = visiting.scores() * ops;
    if (visiting.n == 0 || visiting.scores() == 0) return {o};
    return {o, visiting};
  }
  if (o.layer < 0 && o.kind != OpKind::embedding) return rank + 1 == c ? std::vector<Op>{o} : std::vector<Op>{};
  const std::uint64_t rows = share(o.m, rank, c);
  const std::uint64_t ops = per_element(o.vector_ops, o.m);
  o.vector_ops = rows * ops;
  o.m = rows;
  return {o};
}

// Expert parallelism: an expert's ops run on its chip only, with all their tokens; every other op
// takes this chip's share of the tokens (sequences), like data parallelism.
bool shard_for_experts(Op& o, const ChipRole& r) {
  const std::uint64_t p = r.expert_size, rank = r.expert_rank;
  if (p == 1) return true;
  const int expert = o.expert;
  if (expert >= 0) return static_cast<std::uint64_t>(expert) % p == rank;
  shard_by_batch(o, rank, p);
  return true;
}

void shard_by_batch(Op& o, std::uint64_t rank, std::uint64_t p) {
  if (o.kind == OpKind::attention) {
    const std::uint64_t ops = per_element(o.vector_ops, o.scores());
    const std::uint64_t append = per_element(o.kv_append_elements, o.instances);
    o.instances /= p;  // the batch divides by p (mapping_problem), so whole sequences move
    o.vector_ops = o.scores() * ops;
    o.kv_append_elements = o.instances * append;
    return;
  }
  const std::uint64_t rows = share(o.m, rank, p);
  const std::uint64_t ops = per_element(o.vector_ops, o.m);
  o.vector_ops = rows * ops;
  o.m = rows;
}

}  // namespace pjsim::workloads
