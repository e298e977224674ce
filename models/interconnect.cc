#include "models/interconnect.h"

#include <algorithm>
#include <cmath>

#include "models/core.h"

namespace pjsim::models {

using workloads::CollectiveCall;
using workloads::CollectiveOp;

Interconnect::Interconnect(sc_core::sc_module_name name, const topologies::ChipMesh& mesh, const LinkParams& links,
                           Ledger& ledger, SimStats& stats)
    : sc_module(name),
      mesh_(mesh),
      params_(links),
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
  const auto it = chips_in_stage_.find(call.stage);
  return it == chips_in_stage_.end() ? std::uint64_t{0} : it->second;  // send_recv: the senders
}

topologies::Schedule Interconnect::ring_or_one_shot(const CollectiveCall& call, std::string& algorithm) const {
  const bool reduce = call.op == CollectiveOp::all_reduce;
  auto ring = [&] {
    return reduce ? topologies::all_reduce(mesh_, call.axes, call.bytes, params_.axis_schedule)
                  : topologies::all_gather(mesh_, call.axes, call.bytes, params_.axis_schedule);
  };
  auto one_shot = [&] {
    return reduce ? topologies::one_shot_all_reduce(mesh_, call.axes, call.bytes)
                  : topologies::one_shot_all_gather(mesh_, call.axes, call.bytes);
  };
  if (params_.algorithm == topologies::Algorithm::ring) return algorithm = "ring", ring();
  if (params_.algorithm == topologies::Algorithm::one_shot) return algorithm = "one_shot", one_shot();
  topologies::Schedule r = ring(), o = one_shot();
  const topologies::LinkModel model{params_.bandwidth_bytes_per_s, params_.latency_s};
  if (topologies::estimated_seconds(o, mesh_, model) < topologies::estimated_seconds(r, mesh_, model)) {
    algorithm = "one_shot";
    return o;
  }
  algorithm = "ring";
  return r;
}

const Interconnect::Planned& Interconnect::schedule_for(const CollectiveCall& call) {
  const ScheduleKey key{static_cast<int>(call.op), call.axes, call.bytes, call.stage, call.to_stage, call.matrix};
  auto it = schedules_.find(key);
  if (it != schedules_.end()) return it->second;
  Planned p;
  switch (call.op) {
    case CollectiveOp::all_reduce:
    case CollectiveOp::all_gather: p.schedule = ring_or_one_shot(call, p.algorithm); break;
    case CollectiveOp::reduce_scatter:
      p.schedule = topologies::reduce_scatter(mesh_, call.axes, call.bytes, params_.axis_schedule);
      p.algorithm = "ring";
      break;
    case CollectiveOp::all_to_all:
      p.schedule = call.matrix.empty() ? topologies::all_to_all(mesh_, call.axes, call.bytes)
                                       : topologies::all_to_all(mesh_, call.axes, call.matrix);
      p.algorithm = "direct";
      break;
    case CollectiveOp::send_recv:
      p.schedule = topologies::send_recv(mesh_, call.axes.at(0), call.bytes, call.stage, call.to_stage);
      p.algorithm = "direct";
      break;
  }
  if (call.op != CollectiveOp::send_recv) {
    // The schedule covers every group of the mesh; keep the groups of the calling stage.
    for (auto& step : p.schedule.steps) {
      auto& t = step.transfers;
      t.erase(std::remove_if(t.begin(), t.end(), [&](const auto& x) { return stage_of_chip_[x.src] != call.stage; }),
              t.end());
    }
  }
  return schedules_.emplace(key, std::move(p)).first->second;
}

sc_core::sc_time Interconnect::receive(const topologies::Transfer& t, bool reduces, std::uint64_t element_bits, Tag tag,
                                       const sc_core::sc_time& arrival) {
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  const std::uint64_t bits = t.bytes * 8;
  tag.chip = static_cast<int>(t.dst);
  if (t.dst >= receivers_.size() || receivers_[t.dst] == nullptr) {  // no chip attached (unit tests)
    tag.action = Action::sram_write_bits;
    ledger_.add(tag, bits);
    return arrival;
  }
  Core& core = *receivers_[t.dst];
  Command write;
  write.tag = tag;
  write.bits = bits;
  write.write = true;
  sc_core::sc_time done = now + transact(core.sram_socket, write, stats_, arrival - now);
  if (reduces && element_bits > 0) {
    Tile add;
    add.vector_ops = bits / element_bits;
    Command cmd;
    cmd.tag = tag;
    cmd.tile = &add;
    done = now + transact(core.vector_socket, cmd, stats_, done - now);
  }
  return done;
}

void Interconnect::run(const CollectiveCall& call) {
  const sc_core::sc_time start = sc_core::sc_time_stamp();
  const std::uint64_t chips = mesh_.chips();
  Tag tag;
  tag.core = 0;
  tag.layer = call.layer;
  tag.op = workloads::OpCategory::collective;
  tag.data = workloads::DataClass::activations;
  const Planned& planned = schedule_for(call);
  if (call.weights) {
    // Weight-gathered: each chip of the stage reads its 1/p shard of the weight from HBM (counted;
    // its HBM port time is not modelled) and the transfers carry weights.
    tag.data = workloads::DataClass::weights;
    tag.action = Action::hbm_read_bits;
    const std::uint64_t p = mesh_.group(0, call.axes).size();
    for (std::uint64_t c = 0; c < chips; ++c) {
      if (stage_of_chip_[c] != call.stage) continue;
      tag.chip = static_cast<int>(c);
      ledger_.add(tag, call.bytes * 8 / p);
    }
  }
  const auto element_bits = static_cast<std::uint64_t>(std::llround(call.element_bits));
  CollectiveKindStats& kind = by_kind_[workloads::to_string(call.op)];
  ++kind.count;
  ++kind.algorithms[planned.algorithm];
  for (const auto& step : planned.schedule.steps) {
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    sc_core::sc_time done = now;
    for (const auto& transfer : step.transfers) {
      auto& route = route_cache_[transfer.src * chips + transfer.dst];
      if (route.empty())
        for (const auto& link : mesh_.route(transfer.src, transfer.dst))
          route.push_back(mesh_.link_index(link.first, link.second));
      const std::uint64_t bits = transfer.bytes * 8;
      kind.bits += bits;
      tag.chip = static_cast<int>(transfer.src);
      tag.action = Action::ici_bit_hops;
      ledger_.add(tag, bits * route.size());
      tag.action = Action::sram_read_bits;
      ledger_.add(tag, bits);
      done = std::max(done, receive(transfer, step.reduces, element_bits, tag, links_.send(route, bits, now)));
      ++stats_.events;
    }
    ++stats_.events;
    sc_core::wait(done - now);
  }
  const double seconds = (sc_core::sc_time_stamp() - start).to_seconds();
  kind.seconds += seconds;
  collective_seconds_ += seconds;
  ++collectives_run_;
}

void Interconnect::wait_done(Pending& p) {
  while (!p.finished) {
    ++stats_.events;
    sc_core::wait(p.done);
  }
}

void Interconnect::run_and_release(CollectiveCall call) {
  run(call);
  Pending& p = pending_[call.id];
  p.finished = true;
  p.done.notify(sc_core::SC_ZERO_TIME);
}

void Interconnect::collective(const CollectiveCall& call, std::uint64_t chip) {
  Pending& p = pending_[call.id];
  if (call.op == CollectiveOp::send_recv) {
    if (stage_of_chip_.at(chip) != call.stage) {  // a receiver
      const sc_core::sc_time arrived = sc_core::sc_time_stamp();
      wait_done(p);
      pipeline_wait_seconds_ += (sc_core::sc_time_stamp() - arrived).to_seconds();
      return;
    }
    if (++p.arrived == participants(call)) sc_core::sc_spawn(sc_bind(&Interconnect::run_and_release, this, call));
    return;
  }
  if (++p.arrived < participants(call)) {
    wait_done(p);
    return;
  }
  run(call);
  p.finished = true;
  p.done.notify(sc_core::SC_ZERO_TIME);
}

}  // namespace pjsim::models
