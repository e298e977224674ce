#include "workloads/mapping.h"


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

}  // namespace pjsim::workloads
