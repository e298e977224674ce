#include "workloads/mapping.h"

#include <cmath>

namespace pjsim::workloads {

namespace {

const char* kAxisNames[] = {"x", "y", "z"};

std::uint64_t share(std::uint64_t total, std::uint64_t part, std::uint64_t parts) {
  return total / parts + (part < total % parts ? 1 : 0);
}

// First layer of each pipeline stage, plus the end: stage s has layers [starts[s], starts[s + 1]).
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

Op shard_for_tensor(const Op& op, const ModelShape& s, const ChipRole& r) {
  const std::uint64_t t = r.tensor_size;
  if (t == 1) return op;
  const TensorShare ts = tensor_share(s, t);
  const std::string suffix = suffix_of(op.name);
  Op o = op;
  if (suffix == "qkv") {
    o.n = (ts.heads + 2 * ts.kv_heads) * ts.head_dim;
  } else if (suffix == "rope") {
    const std::uint64_t ops = per_element(op.vector_ops, op.m * op.k);
    o.k = (ts.heads + ts.kv_heads) * ts.head_dim;
    o.vector_ops = o.m * o.k * ops;
  } else if (suffix == "attention") {
    const std::uint64_t group = s.num_attention_heads / s.num_key_value_heads;
    const std::uint64_t ops = per_element(op.vector_ops, op.instances * op.m * op.n);
    o.instances = op.instances / s.num_key_value_heads * ts.kv_heads;
    o.m = op.m / group * ts.group;
    o.vector_ops = o.instances * o.m * o.n * ops;
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

// Context parallelism: this chip attends its share of every sequence's KV positions; the newest
// positions (appended by this step) live on the last rank.
void shard_for_context(Op& o, const ChipRole& r) {
  if (r.context_size == 1 || o.kind != OpKind::attention || r.ring) return;
  const std::uint64_t ops = per_element(o.vector_ops, o.instances * o.m * o.n);
  o.n = share(o.n, r.context_rank, r.context_size);
  o.vector_ops = o.instances * o.m * o.n * ops;
  if (r.context_rank + 1 != r.context_size) o.kv_append_elements = 0;
}

// Ring attention (context parallelism in prefill): this chip's share of every op's tokens; the
// LM head and final norm (last positions of the sequences) on the last rank only; attention as
// its own KV block plus the visiting blocks, already in SRAM. Returns the ops to run (maybe none).
std::vector<Op> ring_ops(Op o, const ChipRole& r) {
  if (!r.ring) return {o};
  const std::uint64_t c = r.context_size, rank = r.context_rank;
  if (o.kind == OpKind::attention) {
    const std::uint64_t ops = per_element(o.vector_ops, o.instances * o.m * o.n);
    const std::uint64_t queries = o.m;  // group x prompt
    const std::uint64_t group = queries / o.n;
    o.m = group * share(o.n, rank, c);
    const std::uint64_t own = share(o.n, rank, c);
    Op visiting = o;
    o.n = own;
    o.kv_append_elements = o.kv_append_elements / c;
    o.vector_ops = o.instances * o.m * o.n * ops;
    visiting.name += "_ring";
    visiting.n = visiting.n - own;
    visiting.kv_append_elements = 0;
    visiting.operand_in_sram = true;
    visiting.vector_ops = visiting.instances * visiting.m * visiting.n * ops;
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
  if (o.kind == OpKind::attention) {
    const std::uint64_t ops = per_element(o.vector_ops, o.instances * o.m * o.n);
    const std::uint64_t append = per_element(o.kv_append_elements, o.instances);
    o.instances /= p;  // the batch divides by p (mapping_problem), so whole sequences move
    o.vector_ops = o.instances * o.m * o.n * ops;
    o.kv_append_elements = o.instances * append;
    return true;
  }
  const std::uint64_t rows = share(o.m, rank, p);
  const std::uint64_t ops = per_element(o.vector_ops, o.m);
  o.vector_ops = rows * ops;
  o.m = rows;
  return true;
}

std::string axis_name(std::size_t a) { return a < 3 ? kAxisNames[a] : std::to_string(a); }

}  // namespace

const char* to_string(CollectiveOp c) {
  switch (c) {
    case CollectiveOp::all_reduce: return "all_reduce";
    case CollectiveOp::all_gather: return "all_gather";
    case CollectiveOp::all_to_all: return "all_to_all";
    case CollectiveOp::send_recv: return "send_recv";
  }
  return "?";
}

std::uint64_t degree(const std::vector<std::size_t>& axes, const std::vector<std::uint64_t>& dims) {
  std::uint64_t d = 1;
  for (std::size_t a : axes) d *= a < dims.size() ? dims[a] : 1;
  return d;
}

std::string mapping_problem(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const WorkloadSpec& w) {
  std::vector<std::string> owner(dims.size());
  const std::pair<const char*, const std::vector<std::size_t>*> kinds[] = {
      {"tensor", &m.tensor}, {"pipeline", &m.pipeline}, {"data", &m.data}, {"expert", &m.expert}, {"context", &m.context}};
  for (const auto& [kind, axes] : kinds) {
    for (std::size_t a : *axes) {
      if (a >= dims.size())
        return "axis " + axis_name(a) + " (" + kind + ") does not exist in a " + std::to_string(dims.size()) + "D topology";
      if (!owner[a].empty())
        return "axis " + axis_name(a) + " is used twice (" + owner[a] + " and " + kind + ")";
      owner[a] = kind;
    }
  }
  for (std::size_t a = 0; a < dims.size(); ++a)
    if (owner[a].empty() && dims[a] > 1)
      return "mesh axis " + axis_name(a) + " (" + std::to_string(dims[a]) +
             " chips) is not mapped; assign it to data to serve replicas, or shrink the topology";
  if (m.pipeline.size() > 1) return "pipeline parallelism takes one axis";
  const ModelShape& s = w.model;
  const std::uint64_t t = degree(m.tensor, dims), p = degree(m.pipeline, dims), d = degree(m.data, dims);
  const std::uint64_t e = degree(m.expert, dims);
  if (e > 1 && !s.is_moe()) return "expert parallelism needs a mixture-of-experts model";
  if (e > 1 && t > 1) return "expert parallelism together with tensor parallelism is not supported";
  if (e > s.num_experts && e > 1)
    return "expert parallelism over " + std::to_string(e) + " chips exceeds the model's " + std::to_string(s.num_experts) +
           " experts";
  const std::uint64_t c = degree(m.context, dims);
  const std::uint64_t positions = w.phase == Phase::decode ? w.context_tokens : w.prompt_tokens;
  if (c > 1 && c > positions)
    return "context parallelism over " + std::to_string(c) + " chips needs at least as many positions, got " +
           std::to_string(positions);
  if (w.batch % (d * e) != 0)
    return "data and expert parallelism split the batch " + std::to_string(d * e) + " ways, batch is " +
           std::to_string(w.batch);
  if (s.num_attention_heads % t != 0)
    return "tensor parallelism of " + std::to_string(t) + " does not divide " + std::to_string(s.num_attention_heads) +
           " attention heads";
  if (s.num_key_value_heads % t != 0 && t % s.num_key_value_heads != 0)
    return "tensor parallelism of " + std::to_string(t) + " and " + std::to_string(s.num_key_value_heads) +
           " KV heads: one must divide the other";
  if (s.intermediate_size % t != 0)
    return "tensor parallelism of " + std::to_string(t) + " does not divide intermediate_size " +
           std::to_string(s.intermediate_size);
  if (p > s.num_hidden_layers)
    return "pipeline of " + std::to_string(p) + " stages needs at least as many layers, the model has " +
           std::to_string(s.num_hidden_layers);
  if (w.batch % d != 0)
    return "data parallelism of " + std::to_string(d) + " replicas needs a batch that it divides, batch is " +
           std::to_string(w.batch);
  return "";
}

ChipRole role_of(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const std::vector<std::uint64_t>& coords,
                 Phase phase) {
  auto rank = [&](const std::vector<std::size_t>& axes) {
    std::uint64_t r = 0;
    for (auto it = axes.rbegin(); it != axes.rend(); ++it) r = r * dims[*it] + coords[*it];  // first axis fastest
    return r;
  };
  ChipRole role;
  role.tensor_rank = rank(m.tensor);
  role.tensor_size = degree(m.tensor, dims);
  role.stage = rank(m.pipeline);
  role.stages = degree(m.pipeline, dims);
  role.replica = rank(m.data);
  role.replicas = degree(m.data, dims);
  role.expert_rank = rank(m.expert);
  role.expert_size = degree(m.expert, dims);
  role.context_rank = rank(m.context);
  role.context_size = degree(m.context, dims);
  role.ring = role.context_size > 1 && phase == Phase::prefill;
  return role;
}

WorkloadSpec replica_workload(const WorkloadSpec& w, const MappingSpec& m, const std::vector<std::uint64_t>& dims) {
  WorkloadSpec r = w;
  r.batch = w.batch / degree(m.data, dims);
  return r;
}

std::vector<ChipItem> chip_items(const std::vector<Op>& ops, const ModelShape& model, const ChipRole& role,
                                 const MappingSpec& m) {
  const auto starts = stage_starts(model.num_hidden_layers, role.stages);
  auto stage_of = [&](const Op& op) -> std::uint64_t {
    if (op.layer < 0) return op.kind == OpKind::embedding ? 0 : role.stages - 1;
    std::uint64_t s = 0;
    while (static_cast<std::uint64_t>(op.layer) >= starts[s + 1]) ++s;
    return s;
  };
  std::vector<ChipItem> items;
  items.reserve(ops.size() + ops.size() / 2);  // ops and the collectives between them
  std::uint64_t next_id = 0;
  auto collective = [&](CollectiveOp kind, std::vector<std::size_t> axes, std::uint64_t bytes, std::uint64_t stage,
                        bool takes_part, const Op& after) {
    const std::uint64_t id = next_id++;
    if (!takes_part) return;
    ChipItem item;
    item.is_collective = true;
    item.collective = {kind, std::move(axes), bytes, id, stage, after.name, after.layer};
    items.push_back(std::move(item));
  };
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    const std::uint64_t stage = stage_of(op);
    const bool mine = stage == role.stage;
    const std::string suffix = suffix_of(op.name);
    if (role.expert_size > 1 && suffix == "combine")
      collective(CollectiveOp::all_to_all, m.expert,
                 bytes_of(share(op.m, role.expert_rank, role.expert_size) * model.num_experts_per_tok * model.hidden_size,
                          op.activation_precision),
                 stage, mine, op);
    if (mine) {
      ChipItem item;
      item.op = shard_for_tensor(op, model, role);
      shard_for_context(item.op, role);
      if (role.ring && op.kind == OpKind::attention) {
        // The KV blocks of the chip's heads circle the ring before the attention that uses them.
        const Op local = item.op;
        collective(CollectiveOp::all_gather, m.context,
                   bytes_of(local.instances * 2 * local.n * local.k, local.operand_precision), stage, mine, op);
      }
      if (shard_for_experts(item.op, role))
        for (Op& part : ring_ops(item.op, role)) {
          ChipItem piece;
          piece.op = std::move(part);
          items.push_back(std::move(piece));
        }
    } else if (role.ring && op.kind == OpKind::attention) {
      collective(CollectiveOp::all_gather, m.context, 0, stage, false, op);  // keep ids equal across chips
    }
    if (role.context_size > 1 && !role.ring && op.kind == OpKind::attention) {
      // Partial outputs of this chip's heads and sequences, plus a max and a sum (fp32) per row.
      Op local = shard_for_tensor(op, model, role);
      shard_for_experts(local, role);
      collective(CollectiveOp::all_reduce, m.context,
                 bytes_of(local.output_elements(), op.activation_precision) + local.instances * local.m * 2 * 4, stage,
                 mine, op);
    }
    if (role.expert_size > 1 && suffix == "router_topk")
      collective(CollectiveOp::all_to_all, m.expert,
                 bytes_of(share(op.m, role.expert_rank, role.expert_size) * model.num_experts_per_tok * model.hidden_size,
                          op.activation_precision),
                 stage, mine, op);
    if (role.tensor_size > 1 && (suffix == "o_proj" || suffix == "down"))
      collective(CollectiveOp::all_reduce, m.tensor, bytes_of(op.m * op.n, op.activation_precision), stage, mine, op);
    if (role.tensor_size > 1 && op.kind == OpKind::embedding)
      collective(CollectiveOp::all_gather, m.tensor, bytes_of(op.m * op.k, op.activation_precision), stage, mine, op);
    const bool last_of_layer = op.layer >= 0 && (i + 1 == ops.size() || ops[i + 1].layer != op.layer);
    const bool stage_ends = last_of_layer && static_cast<std::uint64_t>(op.layer) + 1 == starts[stage + 1];
    if (role.stages > 1 && stage_ends && stage + 1 < role.stages)
      collective(CollectiveOp::send_recv, m.pipeline, bytes_of(op.m * op.k, op.activation_precision), stage,
                 mine || role.stage == stage + 1, op);
  }
  return items;
}

}  // namespace pjsim::workloads
