#include "sim/run/simulate.h"

#include "models/static_power.h"

#include <algorithm>
#include <cmath>
#include <new>
#include <stdexcept>
#include <string>

#include <fmt/format.h>
#include <systemc>

#include "models/system.h"
#include "reports/report_energy.h"
#include "sim/run/address_space.h"
#include "sim/run/asan_stack.h"
#include "sim/run/clock_check.h"
#include "sim/run/workload_figures.h"

namespace pjsim::sim {

namespace {

void quiet_systemc() {
  sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
  sc_core::sc_report_handler::set_actions(sc_core::SC_WARNING, sc_core::SC_DO_NOTHING);
  sc_core::sc_report_handler::set_actions(sc_core::SC_ERROR, sc_core::SC_THROW);
  sc_core::sc_report_handler::set_actions(sc_core::SC_FATAL, sc_core::SC_THROW);
}

// Power gating (docs/energy-model.md#power-gating): the core part draws its full power except
// for the gated time of its matrix unit, the links part except for the gated time of each port
// (ports the topology does not use are idle for the whole run); each wake-up costs its energy.
void apply_gating(reports::RunResult& r, const models::System& system, const models::GatingParams& g,
                  std::uint64_t ports_per_chip) {
  if (!g.enabled || r.seconds <= 0) return;
  const sc_core::sc_time end = sc_core::sc_time_stamp();
  double core_gated = 0, core_wakes = 0, cores = 0;
  for (const auto& chip : system.chips())
    for (const auto& core : chip->cores()) {
      core_gated += core->matrix.calendar().gated(end).to_seconds();
      core_wakes += static_cast<double>(core->matrix.calendar().wakes());
      cores += 1;
    }
  const double chips = static_cast<double>(system.chips().size());
  const double ports = static_cast<double>(ports_per_chip) * chips;
  double link_gated = 0, link_wakes = 0, used = 0;
  if (const models::Interconnect* ici = system.interconnect())
    for (std::size_t i = 0; i < ici->links().size(); ++i) {
      link_gated += ici->links().link(i).gated(end).to_seconds();
      link_wakes += static_cast<double>(ici->links().link(i).wakes());
      used += 1;
    }
  const double whole_run = std::max(0.0, r.seconds - g.idle_threshold_s);
  if (ports > used) link_gated += (ports - used) * whole_run;
  const double link_units = std::max(ports, used);
  auto gate = [&](models::StaticLine& line, double gated, double wakes, double units) {
    if (units <= 0) return;
    const double share = gated / units / r.seconds;  // of the run, per unit
    line.watts_each = line.watts_each * (1 - (1 - g.gated_fraction) * share) + g.wake_energy_j * wakes / units / r.seconds;
    line.source += fmt::format("; power-gated {:.4g}% of the run (left {:.4g}), {:.4g} wake-ups per unit", 100 * share,
                               g.gated_fraction, wakes / units);
  };
  for (models::StaticLine& line : r.static_parts) {
    if (line.part == "core") gate(line, core_gated, core_wakes, cores);
    if (line.part == "links") gate(line, link_gated, link_wakes, link_units);
  }
  r.static_power_w = models::static_watts(r.static_parts);
}

void record_busy(reports::RunResult& r, const models::System& system) {
  sc_core::sc_time matrix, vector, sram, dma, hbm, noc;
  std::uint64_t cores = 0, channels = 0, noc_links = 0;
  for (const auto& chip : system.chips()) {
    for (const auto& core : chip->cores()) {
      matrix += core->matrix.calendar().busy();
      vector += core->vector.calendar().busy();
      sram += core->sram.busy();
      dma += core->dma.busy();
      ++cores;
    }
    hbm += chip->hbm.busy();
    channels += chip->hbm.channels();
    noc += chip->noc.busy();
    noc_links += chip->noc.link_count();
  }
  r.busy["matrix"] = {matrix.to_seconds(), cores};
  r.busy["vector"] = {vector.to_seconds(), cores};
  r.busy["sram"] = {sram.to_seconds(), cores};
  r.busy["dma"] = {dma.to_seconds(), cores};
  r.busy["hbm"] = {hbm.to_seconds(), channels};
  if (noc_links > 0) r.busy["noc"] = {noc.to_seconds(), noc_links};
  if (const models::Interconnect* ici = system.interconnect()) {
    r.busy["ici"] = {ici->links().busy().to_seconds(), ici->links().size()};
  }
}

// Per-link utilisation of the inter-chip links: max, mean and the busiest link.
void record_links(reports::RunResult& r, const models::System& system) {
  const models::Interconnect* ici = system.interconnect();
  if (ici == nullptr || r.seconds <= 0) return;
  const auto& links = ici->mesh().links();
  auto name = [&](std::size_t i) {
    return "chip" + std::to_string(links[i].first) + "->chip" + std::to_string(links[i].second);
  };
  std::vector<std::pair<double, std::size_t>> use;
  double sum = 0;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const double u = ici->links().link(i).busy().to_seconds() / r.seconds;
    sum += u;
    use.emplace_back(-u, i);  // busiest first, then by link index: deterministic
  }
  const std::size_t top = std::min<std::size_t>(8, use.size());
  std::partial_sort(use.begin(), use.begin() + static_cast<std::ptrdiff_t>(top), use.end());
  for (std::size_t k = 0; k < top; ++k) r.links.top.emplace_back(name(use[k].second), -use[k].first);
  if (top > 0) {
    r.links.max_utilisation = -use[0].first;
    r.links.busiest = name(use[0].second);
  }
  r.links.count = links.size();
  r.links.mean_utilisation = links.empty() ? 0 : sum / static_cast<double>(links.size());
  r.collective_seconds = ici->collective_seconds();
  r.collectives = ici->collectives_run();
  for (const auto& [kind, k] : ici->by_kind()) {
    reports::CollectiveRow& row = r.collectives_by_kind[kind];
    row.count = k.count;
    row.bits = k.bits;
    row.seconds = k.seconds;
    // Every collective holds its chips until it ends (no overlap), except a pipeline send, whose
    // senders go on (a receiver's wait is in pipeline.bubble).
    row.exposed_seconds = kind == "send_recv" ? 0 : k.seconds;
    row.algorithms = k.algorithms;
  }
}

// Each op's time on each chip, averaged over chips, by op category and by layer.
void record_op_seconds(reports::RunResult& r, const models::SimStats& stats) {
  const double chips = static_cast<double>(std::max<std::uint64_t>(r.chips, 1));
  for (const auto& [key, seconds] : stats.op_seconds) {
    models::Tag tag;
    tag.layer = key.first;
    tag.op = key.second;
    r.op_seconds[workloads::to_string(tag.op)] += seconds / chips;
    r.layer_seconds[reports::layer_key(tag)] += seconds / chips;
  }
}

// Pipeline bubble: chip-time spent waiting for a pipeline receive or after the chip's program ended.
void record_pipeline(reports::RunResult& r, const models::SystemPlan& plan, const models::System& system,
                     const models::SimStats& stats, std::uint64_t microbatches) {
  for (const models::ChipPlan& chip : plan.chips) r.pipeline_stages = std::max(r.pipeline_stages, chip.role.stages);
  const models::Interconnect* ici = system.interconnect();
  if (r.pipeline_stages < 2 || ici == nullptr || r.seconds <= 0) return;
  r.microbatches = microbatches;
  const double chip_seconds = static_cast<double>(plan.chips.size()) * r.seconds;
  r.pipeline_bubble = (ici->pipeline_wait_seconds() + chip_seconds - stats.chip_finish_seconds) / chip_seconds;
}

void record_placement(reports::RunResult& r, const models::SystemPlan& plan) {
  for (std::size_t c = 0; c < plan.chips.size(); ++c) {
    const models::ChipPlacement& p = plan.chips[c].placement;
    reports::PlacementRow row;
    row.chip = c;
    row.sram_weight_bits = p.weights_in_sram ? p.weight_bits : 0;
    row.sram_kv_bits = p.kv_in_sram ? p.kv_bits : 0;
    row.hbm_weight_bits = p.weights_in_sram ? 0 : p.weight_bits;
    row.hbm_kv_bits = p.kv_in_sram ? 0 : p.kv_bits;
    row.hbm_embedding_bits = p.embedding_bits;
    r.placement.push_back(row);
  }
}

// Out of memory while elaborating or simulating (a SystemC thread stack that cannot be allocated,
// E518 under `ulimit -v`; std::bad_alloc inside a thread, reported as E549): one line for the
// user, not a kernel dump. Anything else goes on as it was thrown.
[[noreturn]] void out_of_memory(const DesignPoint& point, const std::string& what) {
  std::uint64_t chips = 1;
  for (std::uint64_t d : point.arch.topology.dims) chips *= d;
  throw UserError(fmt::format(
      "the simulation of {} chip(s) x {} core(s) ran out of memory ({}): raise the process's memory limit "
      "(ulimit -v), or simulate fewer chips, cores or tokens (docs/robustness.md)",
      chips, point.arch.chip.cores, what));
}

reports::RunResult simulate_unguarded(const DesignPoint& point, const PointPlan& point_plan) {
  quiet_systemc();
  sc_core::sc_set_time_resolution(1, sc_core::SC_FS);

  const workloads::WorkloadSpec& w = point.workload;
  const models::SystemPlan& plan = point_plan.system;

  if (!address_space_available(thread_stack_bytes(plan.chips.size(), point.arch.chip.cores)))
    out_of_memory(point, "the thread stacks would not fit the address-space limit");
  reports::RunResult r;
  models::SimStats stats;
  models::System system("system", point.arch, plan, r.ledger, stats);
  sc_core::sc_start();
  reset_asan_stack_after_simulation();
  if (!system.finished()) throw std::logic_error("simulation stopped before every core finished its program (deadlock)");

  r.name = point.name;
  r.config = point.resolved;
  r.config_hash = point.config_hash;
  r.phase = workloads::to_string(w.phase);
  r.seconds = sc_core::sc_time_stamp().to_seconds();
  r.frequency_hz = point.arch.chip.frequency_hz;
  r.cycles = static_cast<std::uint64_t>(std::llround(r.seconds * r.frequency_hz));
  r.workload = workload_figures(w, point.arch, point_plan.ops);
  if (w.phase == workloads::Phase::decode && w.speculative.enabled()) {
    // Generated = expected accepted tokens, rounded down; per-token figures use the exact
    // expectation (reports/report_workload.h). Processed = the k + 1 positions verified per pass.
    r.tokens_generated = static_cast<std::uint64_t>(static_cast<double>(w.batch * w.steps) * r.workload.accepted_per_pass);
    r.tokens_processed = w.batch * w.steps * (w.speculative.draft_tokens + 1);
  } else if (w.phase == workloads::Phase::decode) {
    r.tokens_generated = w.batch * w.steps;
    r.tokens_processed = w.batch * w.steps;
  } else if (w.phase == workloads::Phase::mixed) {
    // A token per decode sequence and per chunk that ends its prompt; every new position processed.
    r.tokens_generated = workloads::step_logits(w);
    r.tokens_processed = workloads::step_tokens(w);
  } else {
    r.tokens_generated = w.batch;
    r.tokens_processed = w.batch * w.prompt_tokens;
  }
  r.static_parts = models::static_lines(point.arch);
  r.static_power_w = models::static_watts(r.static_parts);
  r.voltage_ratio = models::voltage_ratio(point.arch.chip);
  r.area = models::area_lines(point.arch, point.area);
  apply_gating(r, system, point.arch.chip.gating, point.arch.chip.links);
  r.chips = plan.chips.size();
  r.cores_per_chip = point.arch.chip.cores;
  r.technology = point.arch.technology;
  record_busy(r, system);
  record_links(r, system);
  record_placement(r, plan);
  r.sim_events = stats.events;
  record_op_seconds(r, stats);
  record_pipeline(r, plan, system, stats, w.mapping.microbatches);
  check_simulated_clock(r, point);
  return r;
}

}  // namespace

reports::RunResult simulate(const DesignPoint& point, const PointPlan& point_plan) {
  try {
    return simulate_unguarded(point, point_plan);
  } catch (const sc_core::sc_report& e) {
    const std::string message = e.what();
    if (message.find("stack setup failed") != std::string::npos) out_of_memory(point, "a thread stack could not be allocated");
    if (message.find("bad_alloc") != std::string::npos) out_of_memory(point, "an allocation failed");
    throw;
  } catch (const std::bad_alloc&) {
    out_of_memory(point, "an allocation failed");
  }
}

}  // namespace pjsim::sim
