#include "workloads/mapping.h"

#include <algorithm>


namespace pjsim::workloads {

namespace {

const char* kAxisNames[] = {"x", "y", "z"};

std::string axis_name(std::size_t a) { return a < 3 ? kAxisNames[a] : std::to_string(a); }

}  // namespace

const char* to_string(CollectiveOp c) {
  switch (c) {
    case CollectiveOp::all_reduce: return "all_reduce";
    case CollectiveOp::all_gather: return "all_gather";
    case CollectiveOp::all_to_all: return "all_to_all";
    case CollectiveOp::send_recv: return "send_recv";
    case CollectiveOp::reduce_scatter: return "reduce_scatter";
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
      {"tensor", &m.tensor}, {"pipeline", &m.pipeline}, {"data", &m.data}, {"expert", &m.expert}, {"context", &m.context}, {"hidden", &m.hidden}, {"gathered", &m.gathered}};
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
  if (MixedProblem p = mixed_problem(m, dims, w); !p.problem.empty()) return p.problem;
  const std::uint64_t c = degree(m.context, dims);
  const std::uint64_t positions = w.phase == Phase::prefill ? w.prompt_tokens : w.context_tokens;
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
  if (std::string p = microbatch_problem(m, dims, w); !p.empty()) return p;
  if (std::string p = layout_2d_problem(m, dims, w); !p.empty()) return p;
  if (std::string p = gathered_problem(m, dims, w); !p.empty()) return p;
  return attention_problem(m, dims, w);
  return "";
}

MixedProblem mixed_problem(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const WorkloadSpec& w) {
  if (w.phase != Phase::mixed || w.chunks.empty()) return {};
  const std::string step = "a mixed step with prefill chunks ";
  if (degree(m.data, dims) > 1)
    return {step + "runs as one replica (a chunk is part of one sequence, data parallelism splits whole sequences): map the axes to tensor or pipeline, or serve replicas as separate steps", "data"};
  if (degree(m.expert, dims) > 1)
    return {step + "cannot split its tokens by sequence over expert parallelism: map the axes to tensor or pipeline", "expert"};
  if (degree(m.context, dims) > 1)
    return {step + "cannot use context parallelism (the chunks' causal attention is not split by position): map the axes to tensor or pipeline", "context"};
  if (degree(m.gathered, dims) > 1)
    return {step + "cannot use the weight-gathered layout (it splits whole sequences): map the axes to tensor or pipeline", "gathered"};
  if (m.attention == AttentionSharding::batch && degree(m.tensor, dims) > 1)
    return {step + "splits attention by heads only (attention: batch splits whole sequences): use attention: heads", "attention"};
  if (m.microbatches > 1)
    return {step + "runs as one micro-batch (a chunk cannot be split between micro-batches): microbatches must be 1", "microbatches"};
  return {};
}

std::string microbatch_problem(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const WorkloadSpec& w) {
  if (w.phase == Phase::mixed && !w.chunks.empty()) return "";  // one micro-batch (mixed_problem)
  const std::uint64_t mb = m.microbatches, per_replica = w.batch / degree(m.data, dims), e = degree(m.expert, dims);
  if (mb == 0) return "microbatches must be at least 1";
  if (mb > per_replica)
    return std::to_string(mb) + " micro-batches exceed the batch of " + std::to_string(per_replica) +
           " sequences per replica (a micro-batch holds whole sequences)";
  if (per_replica % mb != 0)
    return std::to_string(mb) + " micro-batches do not divide the batch of " + std::to_string(per_replica) +
           " sequences per replica; choose a divisor of it";
  if (e > 1 && (per_replica / mb) % e != 0)
    return "expert parallelism over " + std::to_string(e) + " chips does not divide a micro-batch of " +
           std::to_string(per_replica / mb) + " sequences";
  return "";
}

std::string layout_2d_problem(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const WorkloadSpec& w) {
  const std::uint64_t x = degree(m.hidden, dims);
  if (x == 1) return "";
  const std::uint64_t t = x * degree(m.tensor, dims);
  const ModelShape& s = w.model;
  const std::string layout = "the 2D weight-stationary layout (hidden over " + std::to_string(x) + " chips, " +
                             std::to_string(t) + " with tensor)";
  if (degree(m.expert, dims) > 1 || degree(m.context, dims) > 1 || m.attention == AttentionSharding::batch)
    return layout + " cannot be combined with expert or context parallelism or attention: batch";
  if (s.hidden_size % t != 0)
    return layout + ": " + std::to_string(t) + " does not divide hidden_size " + std::to_string(s.hidden_size);
  if (s.num_attention_heads % t != 0)
    return layout + ": " + std::to_string(t) + " does not divide " + std::to_string(s.num_attention_heads) + " attention heads";
  if (s.num_key_value_heads % t != 0 && t % s.num_key_value_heads != 0)
    return layout + ": " + std::to_string(t) + " and " + std::to_string(s.num_key_value_heads) +
           " KV heads: one must divide the other";
  if (s.intermediate_size % t != 0)
    return layout + ": " + std::to_string(t) + " does not divide intermediate_size " + std::to_string(s.intermediate_size);
  if (s.is_moe()) return layout + " is for dense models";
  return "";
}

std::string gathered_problem(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const WorkloadSpec& w) {
  const std::uint64_t g = degree(m.gathered, dims);
  if (g == 1) return "";
  const std::string layout = "the weight-gathered layout over " + std::to_string(g) + " chips";
  if (degree(m.expert, dims) > 1 || degree(m.context, dims) > 1 || degree(m.hidden, dims) > 1 ||
      m.attention == AttentionSharding::batch)
    return layout + " cannot be combined with expert, context or hidden axes or attention: batch";
  const std::uint64_t per_microbatch = w.batch / degree(m.data, dims) / std::max<std::uint64_t>(m.microbatches, 1);
  if (per_microbatch % g != 0)
    return layout + " splits the batch " + std::to_string(g) + " ways: it needs a batch per replica and micro-batch that " +
           std::to_string(g) + " divides, got " + std::to_string(per_microbatch);
  return "";
}

std::string attention_problem(const MappingSpec& m, const std::vector<std::uint64_t>& dims, const WorkloadSpec& w) {
  if (m.attention != AttentionSharding::batch) return "";
  const std::uint64_t t = degree(m.tensor, dims);
  if (t == 1) return "attention: batch splits attention over the tensor axes, and none is mapped (choose heads, or map tensor)";
  if (degree(m.context, dims) > 1) return "attention: batch cannot be combined with context parallelism";
  const std::uint64_t per_microbatch = w.batch / degree(m.data, dims) / std::max<std::uint64_t>(m.microbatches, 1);
  if (per_microbatch % t != 0)
    return "attention: batch over " + std::to_string(t) + " tensor chips needs a batch per replica and micro-batch that it divides, got " +
           std::to_string(per_microbatch);
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
  role.attention_by_batch = role.tensor_size > 1 && m.attention == AttentionSharding::batch;
  role.hidden_rank = rank(m.hidden);
  role.hidden_size = degree(m.hidden, dims);
  role.gathered_rank = rank(m.gathered);
  role.gathered_size = degree(m.gathered, dims);
  return role;
}

WorkloadSpec replica_workload(const WorkloadSpec& w, const MappingSpec& m, const std::vector<std::uint64_t>& dims) {
  WorkloadSpec r = w;
  r.batch = w.batch / degree(m.data, dims);
  return r;
}

WorkloadSpec microbatch_workload(const WorkloadSpec& w, const MappingSpec& m, const std::vector<std::uint64_t>& dims) {
  WorkloadSpec r = replica_workload(w, m, dims);
  r.batch /= m.microbatches == 0 ? 1 : m.microbatches;
  return r;
}

}  // namespace pjsim::workloads
