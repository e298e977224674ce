#include "sim/simulate.h"

#include <cmath>
#include <stdexcept>

#include <systemc>

#include "models/chip.h"
#include "models/program.h"
#include "workloads/transformer.h"

namespace pjsim::sim {

namespace {

std::vector<workloads::Op> step_ops(const workloads::WorkloadSpec& w) {
  std::vector<workloads::Op> ops;
  const std::uint64_t steps = w.phase == workloads::Phase::decode ? w.steps : 1;
  for (std::uint64_t s = 0; s < steps; ++s) {
    auto step = workloads::ops_in_order(workloads::build_step_graph(w, s));
    ops.insert(ops.end(), std::make_move_iterator(step.begin()), std::make_move_iterator(step.end()));
  }
  return ops;
}

void quiet_systemc() {
  sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
  sc_core::sc_report_handler::set_actions(sc_core::SC_WARNING, sc_core::SC_DO_NOTHING);
  sc_core::sc_report_handler::set_actions(sc_core::SC_ERROR, sc_core::SC_THROW);
  sc_core::sc_report_handler::set_actions(sc_core::SC_FATAL, sc_core::SC_THROW);
}

void record_busy(reports::RunResult& r, const models::Chip& chip) {
  sc_core::sc_time matrix, vector, sram, dma;
  for (const auto& core : chip.cores()) {
    matrix += core->matrix.calendar().busy();
    vector += core->vector.calendar().busy();
    sram += core->sram.busy();
    dma += core->dma.busy();
  }
  const std::uint64_t cores = chip.cores().size();
  r.busy["matrix"] = {matrix.to_seconds(), cores};
  r.busy["vector"] = {vector.to_seconds(), cores};
  r.busy["sram"] = {sram.to_seconds(), cores};
  r.busy["dma"] = {dma.to_seconds(), cores};
  r.busy["hbm"] = {chip.hbm.busy().to_seconds(), chip.hbm.channels()};
  if (chip.noc.link_count() > 0) r.busy["noc"] = {chip.noc.busy().to_seconds(), chip.noc.link_count()};
}

}  // namespace

reports::RunResult simulate(const DesignPoint& point) {
  quiet_systemc();
  sc_core::sc_set_time_resolution(1, sc_core::SC_FS);

  const workloads::WorkloadSpec& w = point.workload;
  auto programs = models::build_core_programs(step_ops(w), point.arch);

  reports::RunResult r;
  models::SimStats stats;
  models::Chip chip("chip0", point.arch, 0, std::move(programs), r.ledger, stats);
  sc_core::sc_start();
  if (!chip.finished()) throw std::logic_error("simulation stopped before every core finished its program (deadlock)");

  r.name = point.name;
  r.config = point.resolved;
  r.config_hash = point.config_hash;
  r.phase = workloads::to_string(w.phase);
  r.seconds = sc_core::sc_time_stamp().to_seconds();
  r.frequency_hz = point.arch.chip.frequency_hz;
  r.cycles = static_cast<std::uint64_t>(std::llround(r.seconds * r.frequency_hz));
  if (w.phase == workloads::Phase::decode) {
    r.tokens_generated = w.batch * w.steps;
    r.tokens_processed = w.batch * w.steps;
  } else {
    r.tokens_generated = w.batch;
    r.tokens_processed = w.batch * w.prompt_tokens;
  }
  r.static_power_w = point.arch.chip.static_power_w;
  r.chips = 1;
  r.cores_per_chip = point.arch.chip.cores;
  r.technology = point.arch.technology;
  record_busy(r, chip);
  r.sim_events = stats.events;
  return r;
}

}  // namespace pjsim::sim
