// Elaborates the SystemC model of a design point, runs it to completion and collects the result.
//
// Lifecycle: parse -> validate (sim/config/load.h) -> elaborate -> simulate -> report. SystemC
// elaborates once per process, so simulate() may be called once per process; studies run each
// point in its own process.
//
// Example: simulate(p, plan_point(p)) with p = load_design_point({}) runs the default point (Llama-3-8B decode, batch 16,
// on a TPU-v4-like chip) and returns its time (about 17 ms of simulated time) and ledger.
// Running out of memory (a thread stack that cannot be allocated under `ulimit -v`, an allocation
// failing inside a thread) is a UserError naming the chips and cores, never a SystemC report.
#pragma once

#include "reports/run_result.h"
#include "sim/config/design_point.h"
#include "sim/run/plan.h"

namespace pjsim::sim {

reports::RunResult simulate(const DesignPoint& point, const PointPlan& plan);

}  // namespace pjsim::sim
