// Fuzz target: the bytes are a design-point YAML file, loaded and validated as `pjsim validate`
// would (sim/config/load.h), without starting SystemC. Leading "#--set k=v", "#--arch NAME" and
// "#--workload NAME" comment lines also become the command-line options of that name.
// A point that loads and lowers to few operators is then planned and its workload figures
// computed, as `pjsim run` does before elaborating SystemC (pure arithmetic: lowering, MoE
// routing, mapping, placement).
// A UserError is the expected outcome of bad input; anything else escaping is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "sim/config/errors.h"
#include "sim/config/load.h"
#include "sim/config/run_limits.h"
#include "sim/run/plan.h"
#include "sim/run/workload_figures.h"

namespace {
// Plan only runs small enough to keep an input well under the 10 s timeout in a Debug build.
constexpr double kPlanOpsAtMost = 20000;
// Many-chip points plan every chip's items: chips x ops bounds that work (a 4096-chip plan of
// 1000 ops is seconds under the sanitizers, past libFuzzer's 10 s timeout on a loaded machine).
constexpr double kPlanChipOpsAtMost = 200000;
constexpr double kPlanRoutingAtMost = 1e6;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const pjsim::fuzz::CommandLine options = pjsim::fuzz::leading_options(text);
  pjsim::sim::LoadRequest request;
  request.point_file = "fuzz.yaml";
  request.point_text = text;
  request.sets = options.sets;
  request.arch = options.arch;
  request.workload = options.workload;
  try {
    const pjsim::sim::DesignPoint point = pjsim::sim::load_design_point(request);
    const pjsim::sim::RunSize size = pjsim::sim::run_size(point);
    std::uint64_t chips = 1;
    for (std::uint64_t d : point.arch.topology.dims) chips *= d;
    // `pjsim validate` plans every point (sim/run/plan.h); here only points that lower to few ops
    // on few chips, so that each input stays well under the timeout.
    const bool small = size.ops <= kPlanOpsAtMost && size.routing_draws <= kPlanRoutingAtMost &&
                       size.ops * static_cast<double>(chips) <= kPlanChipOpsAtMost;
    if (small) {
      const pjsim::sim::PointPlan plan = pjsim::sim::plan_point(point);
      pjsim::sim::workload_figures(point.workload, point.arch, plan.ops);
    }
  } catch (const pjsim::sim::UserError& e) {
    pjsim::fuzz::check_user_error(e.what());
  }
  return 0;
}
