// chip_items (workloads/mapping.h): a chip's program, its share of each op and the collectives
// between them, pass by pass and micro-batch by micro-batch in the order of the run's ops.
#include <algorithm>

#include "workloads/mapping.h"
#include "workloads/layout_2d.h"
#include "workloads/op_shares.h"

namespace pjsim::workloads {

namespace {

// Builds one chip's items. Every chip walks the same (pass, micro-batch, op) sequence and counts a
// collective id for every collective of it, taking part or not, so ids agree across chips.
class ProgramBuilder {
 public:
  ProgramBuilder(const ModelShape& model, const ChipRole& role, const MappingSpec& m)
      : model_(model), role_(role), m_(m), starts_(stage_starts(model.num_hidden_layers, role.stages)) {}

  /// The ops [begin, end) of one pass for micro-batch `microbatch`.
  void pass(const Op* begin, const Op* end, std::uint64_t microbatch) {
    microbatch_ = microbatch;
    pass_begin_ = begin;
    pass_end_ = end;
    for (const Op* op = begin; op != end; ++op) add_op(*op, op + 1 == end || op[1].layer != op->layer);
  }

  /// The token ids (int32, one per row of the pass's logits, `head` = its last op) the last stage
  /// sends back to stage 0 after this micro-batch's pass; returns stage 0's item that awaits them.
  ChipItem token_back(const Op& head) {
    const std::uint64_t last = role_.stages - 1;
    const std::uint64_t id = next_id_;
    collective(CollectiveOp::send_recv, m_.pipeline, 4 * head.m, last, 0, role_.stage == last, head);
    ChipItem wait;
    wait.is_collective = true;
    wait.microbatch = microbatch_;
    wait.collective = call(CollectiveOp::send_recv, m_.pipeline, 4 * head.m, id, last, 0, head);
    return wait;
  }

  void push(ChipItem item) { items_.push_back(std::move(item)); }
  std::vector<ChipItem> take() { return std::move(items_); }
  void reserve(std::size_t n) { items_.reserve(n); }

 private:
  std::uint64_t stage_of(const Op& op) const {
    if (op.layer < 0) return op.kind == OpKind::embedding ? 0 : role_.stages - 1;
    std::uint64_t s = 0;
    while (static_cast<std::uint64_t>(op.layer) >= starts_[s + 1]) ++s;
    return s;
  }

  static CollectiveCall call(CollectiveOp kind, const std::vector<std::size_t>& axes, std::uint64_t bytes, std::uint64_t id,
                             std::uint64_t stage, std::uint64_t to_stage, const Op& after) {
    CollectiveCall c;
    c.op = kind;
    c.axes = axes;
    c.bytes = bytes;
    c.id = id;
    c.stage = stage;
    c.to_stage = to_stage;
    c.after = after.name;
    c.layer = after.layer;
    c.element_bits = bits_per_element(after.activation_precision);
    return c;
  }

  void collective(CollectiveOp kind, const std::vector<std::size_t>& axes, std::uint64_t bytes, std::uint64_t stage,
                  std::uint64_t to_stage, bool takes_part, const Op& after) {
    const std::uint64_t id = next_id_++;
    if (!takes_part) return;
    ChipItem item;
    item.is_collective = true;
    item.microbatch = microbatch_;
    item.collective = call(kind, axes, bytes, id, stage, to_stage, after);
    items_.push_back(std::move(item));
  }
  void collective(CollectiveOp kind, const std::vector<std::size_t>& axes, std::uint64_t bytes, std::uint64_t stage,
                  bool takes_part, const Op& after) {
    collective(kind, axes, bytes, stage, stage + 1, takes_part, after);
  }

  // MoE dispatch (combine: transposed): the bytes expert rank i sends rank j, [i * p + j]: rank i's
  // share of the tokens routed to the experts that rank j holds (expert e on rank e mod p).
  std::vector<std::uint64_t> routed_matrix(const Op& at, bool combine) const {
    const std::uint64_t p = role_.expert_size;
    std::vector<std::uint64_t> to_rank(p);
    for (const Op* o = pass_begin_; o != pass_end_; ++o)
      if (o->layer == at.layer && o->expert >= 0 && suffix_of(o->name) == "gate_up")
        to_rank[static_cast<std::uint64_t>(o->expert) % p] += o->m;
    std::vector<std::uint64_t> matrix(p * p);
    for (std::uint64_t i = 0; i < p; ++i)
      for (std::uint64_t j = 0; j < p; ++j)
        matrix[combine ? j * p + i : i * p + j] =
            bytes_of(share(to_rank[j], i, p) * model_.hidden_size, at.activation_precision);
    return matrix;
  }

  // The stage boundary: the layer's output (whole, or its 1/T shard in the 2D layout) to the next stage.
  void stage_boundary(const Op& op, bool last_of_layer, std::uint64_t stage, bool mine, std::uint64_t shards) {
    const bool stage_ends =
        op.layer >= 0 && last_of_layer && static_cast<std::uint64_t>(op.layer) + 1 == starts_[stage + 1];
    if (role_.stages > 1 && stage_ends && stage + 1 < role_.stages)
      collective(CollectiveOp::send_recv, m_.pipeline, bytes_of(op.m * op.k / shards, op.activation_precision), stage,
                 mine || role_.stage == stage + 1, op);
  }

  // 2D weight-stationary (layout_2d.h): the all-gather before and the reduce-scatter after each matmul.
  void add_op_2d(const Op& op, bool last_of_layer) {
    const std::uint64_t x = role_.hidden_size, y = role_.tensor_size;
    const std::uint64_t stage = stage_of(op);
    const bool mine = stage == role_.stage;
    const std::string suffix = suffix_of(op.name);
    std::vector<std::size_t> all = m_.hidden;
    all.insert(all.end(), m_.tensor.begin(), m_.tensor.end());
    auto bytes = [&](std::uint64_t elements) { return bytes_of(elements, op.activation_precision); };
    const Op local = shard_2d(op, model_, role_);
    if (suffix == "qkv" || suffix == "gate_up") collective(CollectiveOp::all_gather, m_.tensor, bytes(op.m * op.k / x), stage, mine, op);
    if (suffix == "o_proj" || suffix == "down") collective(CollectiveOp::all_gather, m_.hidden, bytes(op.m * op.k / y), stage, mine, op);
    if (suffix == "lm_head") collective(CollectiveOp::all_gather, all, bytes(op.m * op.k), stage, mine, op);
    if (mine) {
      ChipItem item;
      item.microbatch = microbatch_;
      item.op = local;
      items_.push_back(std::move(item));
    }
    if (suffix == "qkv" || suffix == "gate_up")
      collective(CollectiveOp::reduce_scatter, m_.hidden, bytes(op.m * local.n), stage, mine, op);
    if (suffix == "o_proj" || suffix == "down")
      collective(CollectiveOp::reduce_scatter, m_.tensor, bytes(op.m * op.n / x), stage, mine, op);
    if (op.kind == OpKind::embedding) collective(CollectiveOp::all_gather, all, bytes(op.m * op.k), stage, mine, op);
    stage_boundary(op, last_of_layer, stage, mine, x * y);
  }

  void add_op(const Op& op, bool last_of_layer) {
    if (role_.hidden_size > 1) return add_op_2d(op, last_of_layer);
    const ChipRole& role = role_;
    const MappingSpec& m = m_;
    const std::uint64_t stage = stage_of(op);
    const bool mine = stage == role.stage;
    const std::string suffix = suffix_of(op.name);
    if (role.expert_size > 1 && suffix == "combine") {
      collective(CollectiveOp::all_to_all, m.expert,
                 bytes_of(share(op.m, role.expert_rank, role.expert_size) * model_.num_experts_per_tok * model_.hidden_size,
                          op.activation_precision),
                 stage, mine, op);
      if (mine) items_.back().collective.matrix = routed_matrix(op, true);
    }
    const bool batch_attention = role.attention_by_batch && op.kind == OpKind::attention;
    const std::uint64_t resharded =  // queries (and outputs) of this chip's heads, whole batch
        batch_attention ? bytes_of(op.instances * op.m * op.k / role.tensor_size,
                                   op.activation_precision)
                        : 0;
    if (batch_attention) collective(CollectiveOp::all_to_all, m.tensor, resharded, stage, mine, op);
    const bool gather_weights =
        role.gathered_size > 1 && op.kind == OpKind::gemm && op.operand_class() == DataClass::weights;
    if (gather_weights) {  // the chip's tensor shard of the weight, gathered from its G holders
      const Op w = shard_for_tensor(op, model_, role);
      collective(CollectiveOp::all_gather, m.gathered, bytes_of(w.k * w.n, w.operand_precision), stage, mine, op);
      if (mine) items_.back().collective.weights = true;
    }
    if (mine) {
      ChipItem item;
      item.microbatch = microbatch_;
      item.op = shard_for_tensor(op, model_, role);
      shard_for_context(item.op, role);
      if (role.gathered_size > 1) {
        shard_by_batch(item.op, role.gathered_rank, role.gathered_size);
        if (gather_weights) {
          item.op.operand_in_sram = true;
          item.op.weight_shards = role.gathered_size;
        }
      }
      if (role.ring && op.kind == OpKind::attention) {
        // The KV blocks of the chip's heads circle the ring before the attention that uses them.
        const Op local = item.op;
        collective(CollectiveOp::all_gather, m.context,
                   bytes_of(local.instances * 2 * local.n * local.k, local.operand_precision), stage, mine, op);
      }
      if (shard_for_experts(item.op, role))
        for (Op& part : ring_ops(item.op, role)) {
          ChipItem piece;
          piece.microbatch = microbatch_;
          piece.op = std::move(part);
          items_.push_back(std::move(piece));
        }
      if (role.attention_by_batch && suffix == "qkv") {
        ChipItem kv;
        kv.microbatch = microbatch_;
        kv.op = kv_projection(op, model_, role);
        items_.push_back(std::move(kv));
      }
    } else if (role.ring && op.kind == OpKind::attention) {
      collective(CollectiveOp::all_gather, m.context, 0, stage, false, op);  // keep ids equal across chips
    }
    if (batch_attention) collective(CollectiveOp::all_to_all, m.tensor, resharded, stage, mine, op);
    if (role.context_size > 1 && !role.ring && op.kind == OpKind::attention) {
      // Partial outputs of this chip's heads and sequences, plus a max and a sum (fp32) per row.
      Op local = shard_for_tensor(op, model_, role);
      shard_for_experts(local, role);
      collective(CollectiveOp::all_reduce, m.context,
                 bytes_of(local.output_elements(), op.activation_precision) + local.instances * local.m * 2 * 4, stage,
                 mine, op);
    }
    if (role.expert_size > 1 && suffix == "router_topk") {
      collective(CollectiveOp::all_to_all, m.expert,
                 bytes_of(share(op.m, role.expert_rank, role.expert_size) * model_.num_experts_per_tok * model_.hidden_size,
                          op.activation_precision),
                 stage, mine, op);
      if (mine) items_.back().collective.matrix = routed_matrix(op, false);
    }
    if (role.tensor_size > 1 && (suffix == "o_proj" || suffix == "down"))
      collective(CollectiveOp::all_reduce, m.tensor, bytes_of(op.m * op.n, op.activation_precision), stage, mine, op);
    if (role.tensor_size > 1 && op.kind == OpKind::embedding)
      collective(CollectiveOp::all_gather, m.tensor, bytes_of(op.m * op.k, op.activation_precision), stage, mine, op);
    stage_boundary(op, last_of_layer, stage, mine, 1);
  }

  const ModelShape& model_;
  const ChipRole& role_;
  const MappingSpec& m_;
  const std::vector<std::uint64_t> starts_;
  std::vector<ChipItem> items_;
  std::uint64_t next_id_ = 0, microbatch_ = 0;
  const Op* pass_begin_ = nullptr;
  const Op* pass_end_ = nullptr;
};

}  // namespace

std::vector<ChipItem> chip_items(const std::vector<Op>& ops, const ModelShape& model, const ChipRole& role,
                                 const MappingSpec& m) {
  const std::uint64_t microbatches = std::max<std::uint64_t>(m.microbatches, 1);
  // Passes start at their embedding op (run_plan.h: every pass of a run begins with one).
  std::vector<std::pair<std::size_t, std::size_t>> passes;  // [begin, end) in ops
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (passes.empty() || ops[i].kind == OpKind::embedding)
      passes.emplace_back(i, i + 1);
    else
      passes.back().second = i + 1;
  }
  ProgramBuilder b(model, role, m);
  b.reserve((ops.size() + ops.size() / 2) * microbatches);  // ops and the collectives between them
  std::vector<ChipItem> token_in(microbatches);  // stage 0's wait for each micro-batch's token
  for (std::size_t p = 0; p < passes.size(); ++p) {
    const Op* begin = ops.data() + passes[p].first;
    const Op* end = ops.data() + passes[p].second;
    for (std::uint64_t mb = 0; mb < microbatches; ++mb) {
      if (p > 0 && role.stages > 1 && role.stage == 0) b.push(token_in[mb]);
      b.pass(begin, end, mb);
      if (role.stages > 1 && p + 1 < passes.size()) token_in[mb] = b.token_back(end[-1]);
    }
  }
  return b.take();
}

}  // namespace pjsim::workloads
