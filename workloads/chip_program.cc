// chip_items (workloads/mapping.h): a chip's program, its share of each op and the collectives
// between them, in the order of the replica's ops.
#include "workloads/mapping.h"
#include "workloads/op_shares.h"

namespace pjsim::workloads {

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
