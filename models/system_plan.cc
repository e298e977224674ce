#include "models/system_plan.h"

#include <cmath>
#include <map>
#include <tuple>

#include <fmt/core.h>

#include "models/tiler.h"
#include "workloads/run_plan.h"

namespace pjsim::models {

namespace {

using workloads::ChipItem;
using workloads::DataClass;

// The whole run's ops, MoE routing and speculative passes included (workloads/run_plan.h).
std::uint64_t bits_of(std::uint64_t elements, workloads::Precision p) {
  return static_cast<std::uint64_t>(std::ceil(static_cast<double>(elements) * workloads::bits_per_element(p)));
}

double gib(std::uint64_t bits) { return static_cast<double>(bits) / 8 / (1024.0 * 1024 * 1024); }

// Weights, embedding rows and KV of a chip's items; ops repeated by decode steps count once (by
// name), the KV of an attention op at its longest context. Weight bits are what the op's tiles
// load (sparse and quantised formats, scales and metadata included). A MoE chip stores every
// expert assigned to it, touched by this run's routing or not: the bits of one expert of a layer
// times the experts of that layer the chip holds.
ChipPlacement measure(const std::vector<ChipItem>& items, const ArchParams& arch, const workloads::ChipRole& role,
                      std::uint64_t experts) {
  std::map<std::string, std::uint64_t> weights;
  std::map<std::pair<std::string, std::uint64_t>, std::uint64_t> kv;  // by (name, micro-batch): their own sequences
  struct ExpertOp {
    int layer, expert;
    std::uint64_t bits;
  };
  std::map<std::string, ExpertOp> expert_ops;  // by name: decode steps repeat them
  ChipPlacement p;
  for (const ChipItem& item : items) {
    if (item.is_collective) continue;
    const workloads::Op& op = item.op;
    switch (op.operand_class()) {
      case DataClass::weights: {
        std::uint64_t bits = 0;
        if (op.weight_shards > 1)  // weight-gathered: the chip stores its shard of the weight
          bits = bits_of(op.operand_elements(), op.operand_precision) / op.weight_shards;
        else
          for (const Tile& t : tile_op(op, arch.core, true)) bits += t.load_operand_bits + t.load_scale_bits + t.load_metadata_bits;
        const int expert = op.expert;
        if (expert >= 0)
          expert_ops[op.name] = {op.layer, expert, bits};
        else
          weights[op.name] = bits;
        break;
      }
      case DataClass::kv:  // ring attention's visiting KV blocks are not this chip's cache
        if (!op.operand_in_sram) {
          std::uint64_t& held = kv[{op.name, item.microbatch}];
          held = std::max(held, bits_of(op.operand_elements(), op.operand_precision));
        }
        break;
      default: break;
    }
  }
  for (const auto& [name, bits] : weights) p.weight_bits += bits;
  for (const auto& [name, bits] : kv) p.kv_bits += bits;
  std::uint64_t held = 0;  // experts this chip holds in each MoE layer
  for (std::uint64_t e = 0; e < experts; ++e) held += e % role.expert_size == role.expert_rank ? 1 : 0;
  std::map<int, std::map<int, std::uint64_t>> expert_bits;  // layer -> expert -> its weight bits
  for (const auto& [name, op] : expert_ops) expert_bits[op.layer][op.expert] += op.bits;
  for (const auto& [layer, by_expert] : expert_bits) {
    std::uint64_t one_expert = 0;  // experts of a layer have one shape
    for (const auto& [expert, bits] : by_expert) one_expert = std::max(one_expert, bits);
    p.weight_bits += one_expert * held;
  }
  return p;
}

bool allowed(workloads::Residence r) { return r != workloads::Residence::hbm; }

}  // namespace

SystemPlan plan_system(const ArchParams& arch, const workloads::WorkloadSpec& w, const std::vector<workloads::Op>& whole_run_ops) {
  SystemPlan plan;
  plan.topology = arch.topology;
  const topologies::ChipMesh mesh(arch.topology);
  const std::vector<std::uint64_t>& dims = mesh.dims();
  plan.problem = workloads::mapping_problem(w.mapping, dims, w);
  if (!plan.problem.empty()) return plan;

  // One micro-batch of a replica (data parallelism and micro-batches make the batch smaller).
  const workloads::WorkloadSpec microbatch = workloads::microbatch_workload(w, w.mapping, dims);
  std::vector<workloads::Op> microbatch_ops;
  if (microbatch.batch != w.batch) microbatch_ops = workloads::run_ops(microbatch);
  const std::vector<workloads::Op>& ops = microbatch.batch != w.batch ? microbatch_ops : whole_run_ops;
  const auto sram_budget = static_cast<std::uint64_t>(arch.chip.cores * arch.core.sram.capacity_bytes * 8 / 2);
  const auto hbm_capacity = static_cast<std::uint64_t>(arch.chip.hbm.capacity_bytes * 8);
  const std::uint64_t embedding_table = bits_of(w.model.embedding_params(), w.precision.weights);

  plan.chips.resize(mesh.chips());
  std::map<std::tuple<std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t>,
           std::pair<std::shared_ptr<const std::vector<ChipItem>>, ChipPlacement>>
      by_role;  // chips of equal ranks share their program
  for (std::uint64_t c = 0; c < mesh.chips(); ++c) {
    ChipPlan& chip = plan.chips[c];
    chip.role = workloads::role_of(w.mapping, dims, mesh.coords(c), w.phase);
    auto& known = by_role[{chip.role.tensor_rank, chip.role.expert_rank, chip.role.context_rank, chip.role.stage,
                           chip.role.hidden_rank * chip.role.gathered_size + chip.role.gathered_rank}];
    if (!known.first) {
      auto items = std::make_shared<const std::vector<ChipItem>>(workloads::chip_items(ops, w.model, chip.role, w.mapping));
      known = {items, measure(*items, arch, chip.role, w.model.num_experts)};
    }
    chip.items = known.first;
    ChipPlacement& p = chip.placement;
    p = known.second;
    if (chip.role.stage == 0) p.embedding_bits = embedding_table / (chip.role.tensor_size * chip.role.hidden_size);
    p.sram_budget_bits = sram_budget;
    p.hbm_capacity_bits = hbm_capacity;
    const workloads::PlacementSpec& want = w.placement;
    p.weights_in_sram = allowed(want.weights) && p.weight_bits <= sram_budget;
    p.kv_in_sram = p.weights_in_sram && allowed(want.kv) && p.weight_bits + p.kv_bits <= sram_budget;
    if (want.weights == workloads::Residence::sram && !p.weights_in_sram && plan.problem.empty())
      plan.problem = fmt::format("chip {} cannot keep its weights ({:.3f} GiB) in SRAM: half of {} cores' SRAM is {:.3f} GiB",
                                 c, gib(p.weight_bits), arch.chip.cores, gib(sram_budget));
    if (want.kv == workloads::Residence::sram && !p.kv_in_sram && plan.problem.empty())
      plan.problem = fmt::format("chip {} cannot keep its KV cache ({:.3f} GiB) in SRAM beside its weights: half of {} cores' SRAM is {:.3f} GiB",
                                 c, gib(p.kv_bits), arch.chip.cores, gib(sram_budget));
    if (p.hbm_bits() > hbm_capacity && plan.hbm_problem.empty())
      plan.hbm_problem = fmt::format(
          "impossible design: chip {} needs {:.2f} GiB of HBM (weights {:.2f} GiB + KV cache {:.2f} GiB + embedding {:.2f} GiB), "
          "{:.2f} GiB short of its {:.2f} GiB",
          c, gib(p.hbm_bits()), gib(p.weights_in_sram ? 0 : p.weight_bits), gib(p.kv_in_sram ? 0 : p.kv_bits),
          gib(p.embedding_bits), gib(p.hbm_bits() - hbm_capacity), gib(hbm_capacity));
  }
  return plan;
}

}  // namespace pjsim::models
