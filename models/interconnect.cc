#include "models/interconnect.h"

#include <algorithm>

namespace pjsim::models {

using workloads::CollectiveCall;
using workloads::CollectiveOp;

Interconnect::Interconnect(sc_core::sc_module_name name, const topologies::ChipMesh& mesh, const LinkParams& links,
                           Ledger& ledger, SimStats& stats)
    : sc_module(name),
      mesh_(mesh),
      links_(mesh.links().size(), links.bandwidth_bytes_per_s, links.latency_s),
      ledger_(ledger),
      stats_(stats) {}

void Interconnect::start(std::vector<std::uint64_t> stage_of_chip) {
  if (stage_of_chip != stage_of_chip_) schedules_.clear();  // schedules keep the groups of a stage
  stage_of_chip_ = std::move(stage_of_chip);
  chips_in_stage_.clear();
  for (std::uint64_t stage : stage_of_chip_) ++chips_in_stage_[stage];
  pending_.clear();
}

std::uint64_t Interconnect::participants(const CollectiveCall& call) const {
  auto count = [&](std::uint64_t stage) {
    const auto it = chips_in_stage_.find(stage);
    return it == chips_in_stage_.end() ? std::uint64_t{0} : it->second;
  };
  return count(call.stage) + (call.op == CollectiveOp::send_recv ? count(call.stage + 1) : 0);
}

const topologies::Schedule& Interconnect::schedule_for(const CollectiveCall& call) {
  const ScheduleKey key{static_cast<int>(call.op), call.axes, call.bytes, call.stage};
  auto it = schedules_.find(key);
  if (it != schedules_.end()) return it->second;
  topologies::Schedule s;
  switch (call.op) {
    case CollectiveOp::all_reduce: s = topologies::all_reduce(mesh_, call.axes, call.bytes); break;
    case CollectiveOp::all_gather: s = topologies::all_gather(mesh_, call.axes, call.bytes); break;
    case CollectiveOp::all_to_all: s = topologies::all_to_all(mesh_, call.axes, call.bytes); break;
    case CollectiveOp::send_recv: s = topologies::send_recv(mesh_, call.axes.at(0), call.bytes, call.stage); break;
  }
  if (call.op != CollectiveOp::send_recv) {
    // The schedule covers every group of the mesh; keep the groups of the calling stage.
    for (auto& step : s.steps) {
      auto& t = step.transfers;
      t.erase(std::remove_if(t.begin(), t.end(), [&](const auto& x) { return stage_of_chip_[x.src] != call.stage; }),
              t.end());
    }
  }
  return schedules_.emplace(key, std::move(s)).first->second;
}

void Interconnect::run(const CollectiveCall& call) {
  const sc_core::sc_time start = sc_core::sc_time_stamp();
  const std::uint64_t chips = mesh_.chips();
  Tag tag;
  tag.core = 0;
  tag.layer = call.layer;
  tag.op = workloads::OpCategory::collective;
  tag.data = workloads::DataClass::activations;
  for (const auto& step : schedule_for(call).steps) {
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    sc_core::sc_time done = now;
    for (const auto& transfer : step.transfers) {
      auto& route = route_cache_[transfer.src * chips + transfer.dst];
      if (route.empty())
        for (const auto& link : mesh_.route(transfer.src, transfer.dst))
          route.push_back(mesh_.link_index(link.first, link.second));
      const std::uint64_t bits = transfer.bytes * 8;
      tag.chip = static_cast<int>(transfer.src);
      tag.action = Action::ici_bit_hops;
      ledger_.add(tag, bits * route.size());
      tag.action = Action::sram_read_bits;
      ledger_.add(tag, bits);
      tag.chip = static_cast<int>(transfer.dst);
      tag.action = Action::sram_write_bits;
      ledger_.add(tag, bits);
      done = std::max(done, links_.send(route, bits, now));
      ++stats_.events;
    }
    ++stats_.events;
    sc_core::wait(done - now);
  }
  collective_seconds_ += (sc_core::sc_time_stamp() - start).to_seconds();
  ++collectives_run_;
}

void Interconnect::collective(const CollectiveCall& call, std::uint64_t) {
  Pending& p = pending_[call.id];
  if (++p.arrived < participants(call)) {
    while (!p.finished) {
      ++stats_.events;
      sc_core::wait(p.done);
    }
    return;
  }
  run(call);
  p.finished = true;
  p.done.notify(sc_core::SC_ZERO_TIME);
}

}  // namespace pjsim::models
