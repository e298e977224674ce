#include "sim/serve/kv_capacity.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "models/system_plan.h"
#include "workloads/run_plan.h"

namespace pjsim::sim {

KvCapacity kv_capacity(const DesignPoint& point) {
  // A probe step: one decode sequence attending kProbe positions, planned like any point.
  constexpr std::uint64_t kProbe = 1024;
  workloads::WorkloadSpec probe = point.workload;
  probe.phase = workloads::Phase::decode;
  probe.batch = 1;
  probe.context_tokens = kProbe;
  probe.prompt_tokens = 0;
  probe.steps = 1;
  probe.speculative = {};
  const models::SystemPlan plan = models::plan_system(point.arch, probe, workloads::run_ops(probe));
  for (const models::ChipPlan& c : plan.chips)
    if (c.role.replicas > 1)
      fail_at(Location{"--set"}, "workload.mapping.data",
              "pjsim serve replays one replica: data-parallel replicas behind a router are not modelled yet");
  KvCapacity k;
  double positions = std::numeric_limits<double>::infinity();
  const double reserved_bits = point.serving.kv_reserved_bytes * 8;
  double fullest_free = std::numeric_limits<double>::infinity();
  for (const models::ChipPlan& c : plan.chips) {
    const models::ChipPlacement& p = c.placement;
    k.bits_per_token += p.kv_bits / kProbe;
    if (p.kv_bits == 0) continue;
    const double used = double(p.weights_in_sram ? 0 : p.weight_bits) + double(p.embedding_bits) + reserved_bits;
    const double free = double(p.hbm_capacity_bits) - used;
    if (free <= 0)
      fail_at(point.hbm_capacity_location, "arch.chip.hbm.capacity",
              fmt::format("no room for a KV cache: chip {} holds {:.2f} GiB of weights and embedding plus {:.2f} GiB "
                          "reserved (serving.kv.reserved) in {:.2f} GiB",
                          &c - plan.chips.data(), (used - reserved_bits) / 8 / (1 << 30),
                          reserved_bits / 8 / (1 << 30), double(p.hbm_capacity_bits) / 8 / (1 << 30)));
    positions = std::min(positions, free / (double(p.kv_bits) / kProbe));
    fullest_free = std::min(fullest_free, free / 8);
  }
  const std::uint64_t block = point.serving.spec.kv.block_tokens;
  k.blocks = static_cast<std::uint64_t>(positions) / block;
  k.positions = k.blocks * block;
  k.free_bytes = fullest_free;
  return k;
}

}  // namespace pjsim::sim
