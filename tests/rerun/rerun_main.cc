// One elaborated System runs several plans one after another (models/system.h): the way a serving
// replay runs its steps in one process. Its own executable, because SystemC elaborates once per
// process. Checks: the same plan run again takes the same simulated time and counts the same
// ledger as the first run, and a different plan in between does not disturb the third.
#include <cmath>
#include <cstdio>
#include <string>

#include <systemc>

#include "models/system.h"
#include "sim/config/load.h"
#include "sim/run/plan.h"

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "FAILED: %s\n", what.c_str());
    ++failures;
  }
}

struct Step {
  double seconds = 0;
  pjsim::models::Ledger ledger;
};

Step run(pjsim::models::System& system, pjsim::models::Ledger& ledger, const pjsim::models::SystemPlan* next) {
  ledger.clear();
  const sc_core::sc_time start = sc_core::sc_time_stamp();
  if (next != nullptr) system.start(*next);
  sc_core::sc_start();
  Step s;
  s.seconds = (sc_core::sc_time_stamp() - start).to_seconds();
  s.ledger = ledger;
  return s;
}

pjsim::sim::DesignPoint point(const std::vector<std::string>& sets) {
  pjsim::sim::LoadRequest req;
  req.sets = sets;
  return pjsim::sim::load_design_point(req);
}

}  // namespace

int sc_main(int, char**) {
  sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
  sc_core::sc_report_handler::set_actions(sc_core::SC_WARNING, sc_core::SC_DO_NOTHING);
  sc_core::sc_set_time_resolution(1, sc_core::SC_FS);
  const pjsim::sim::DesignPoint a = point({"workload.model=tiny-llama", "workload.batch=4", "workload.context_tokens=256"});
  const pjsim::sim::DesignPoint b = point({"workload.model=tiny-llama", "workload.batch=1", "workload.context_tokens=64"});
  const pjsim::sim::PointPlan plan_a = pjsim::sim::plan_point(a);
  const pjsim::sim::PointPlan plan_b = pjsim::sim::plan_point(b);

  pjsim::models::Ledger ledger;
  pjsim::models::SimStats stats;
  pjsim::models::System system("system", a.arch, plan_a.system, ledger, stats);
  const Step first = run(system, ledger, nullptr);
  const Step again = run(system, ledger, &plan_a.system);
  const Step other = run(system, ledger, &plan_b.system);
  const Step third = run(system, ledger, &plan_a.system);

  check(system.finished(), "every core finished its last program");
  check(first.seconds > 0, "the first step takes time");
  check(std::abs(again.seconds - first.seconds) <= 1e-15 * 4, "the same plan again takes the same time");
  check(std::abs(third.seconds - first.seconds) <= 1e-15 * 4, "the same plan after another takes the same time");
  check(other.seconds < first.seconds, "a smaller step takes less time");
  check(again.ledger.entries() == first.ledger.entries(), "the same plan again counts the same ledger");
  check(third.ledger.entries() == first.ledger.entries(), "the same plan after another counts the same ledger");
  check(first.ledger.total(pjsim::models::Action::mac) > 0, "the step counts MACs");
  std::printf("rerun: step %.9g s, again %.9g s, other %.9g s, third %.9g s, %zu tags: %s\n", first.seconds,
              again.seconds, other.seconds, third.seconds, first.ledger.entries().size(), failures ? "FAILED" : "ok");
  return failures == 0 ? 0 : 1;
}
