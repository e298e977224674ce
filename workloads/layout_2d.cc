#include "workloads/layout_2d.h"

#include "workloads/op_shares.h"

namespace pjsim::workloads {

ChipRole flattened_role(const ChipRole& r) {
  ChipRole f = r;
  f.tensor_rank = r.hidden_rank + r.hidden_size * r.tensor_rank;
  f.tensor_size = r.hidden_size * r.tensor_size;
  f.hidden_rank = 0;
  f.hidden_size = 1;
  return f;
}

Op shard_2d(const Op& op, const ModelShape& s, const ChipRole& r) {
  const std::uint64_t x = r.hidden_size, y = r.tensor_size, t = x * y;
  const std::string suffix = suffix_of(op.name);
  const ChipRole all = flattened_role(r);
  ChipRole by_y = r;
  by_y.hidden_size = 1;
  Op o = op;
  auto scale_vector = [&](std::uint64_t k) {
    const std::uint64_t elements = op.m * op.k;
    const std::uint64_t per = elements != 0 ? op.vector_ops / elements : 0;
    o.k = k;
    o.vector_ops = o.m * o.k * per;
  };
  if (suffix == "qkv") {
    o = shard_for_tensor(op, s, by_y);  // heads over Y
    o.k = op.k / x;
  } else if (suffix == "o_proj") {
    o = shard_for_tensor(op, s, by_y);
    o.n = op.n / x;
  } else if (suffix == "gate_up") {
    o.k = op.k / x;
    o.n = op.n / y;
  } else if (suffix == "down") {
    o.k = op.k / y;
    o.n = op.n / x;
  } else if (suffix == "act") {
    scale_vector(op.k / t);
  } else if (op.kind == OpKind::vector && (suffix.find("norm") != std::string::npos || suffix.find("residual") != std::string::npos)) {
    scale_vector(op.k / t);  // the residual stream is sharded over all T chips
  } else {
    o = shard_for_tensor(op, s, all);  // rope, attention, lm_head, embedding
  }
  return o;
}

}  // namespace pjsim::workloads
