#include "sim/serve/step_simulator.h"

#include <fmt/format.h>

#include "sim/config/errors.h"
#include "sim/study/point_pool.h"
#include "sim/study/report_file.h"

namespace pjsim::sim {

std::vector<std::string> step_sets(const serving::StepShape& shape) {
  std::vector<std::string> sets = {"workload.phase=mixed", "workload.steps=1",
                                   fmt::format("workload.batch={}", shape.decode_seqs)};
  const std::uint64_t context = shape.decode_seqs ? shape.decode_context_sum / shape.decode_seqs : 0;
  sets.push_back(fmt::format("workload.context_tokens={}", context));
  std::string chunks = "[";
  for (const serving::Chunk& c : shape.chunks)
    chunks += fmt::format("{}{{tokens: {}, prior: {}, logits: {}}}", chunks.size() > 1 ? ", " : "", c.tokens, c.prior,
                          c.logits ? "true" : "false");
  sets.push_back("workload.chunks=" + chunks + "]");
  sets.push_back("serving.step_of_replay=true");
  return sets;
}

serving::StepCost step_cost_of(const nlohmann::json& report) {
  serving::StepCost c;
  c.seconds = report.at("time").at("seconds").get<double>();
  const nlohmann::json& e = report.at("energy_pj");
  c.energy_pj = e.at("total").get<double>();
  for (const auto& [k, v] : e.at("by_tier").items()) c.parts["tier." + k] += v.get<double>();
  for (const auto& [k, v] : e.at("by_data").items()) c.parts["data." + k] += v.get<double>();
  c.parts["data.static"] += e.at("static").get<double>();
  return c;
}

std::vector<serving::StepCost> ProcessStepSimulator::simulate(const std::vector<serving::StepShape>& shapes) {
  std::vector<PointRequest> requests;
  for (const serving::StepShape& s : shapes) {
    PointRequest q;
    q.id = fmt::format("s{:06}", next_id_++);
    q.base = options_.point_file;
    q.sets = options_.sets;
    for (std::string& set : step_sets(s)) q.sets.push_back(std::move(set));
    requests.push_back(std::move(q));
  }
  RunPointsOptions o;
  o.out = options_.out / "steps";
  o.jobs = options_.jobs;
  o.quiet = true;
  const std::vector<PointResult> results = run_points(requests, o);
  std::vector<serving::StepCost> costs;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const PointResult& r = results[i];
    if (r.status != "ok")
      throw UserError(fmt::format("serving step {} ({}) could not be simulated: {}: {}", r.id,
                                  fmt::join(step_sets(shapes[i]), " "), r.status, r.error));
    const nlohmann::json report = read_report_file(o.out / r.report);
    if (first_report_.is_null()) first_report_ = report;
    costs.push_back(step_cost_of(report));
  }
  return costs;
}

}  // namespace pjsim::sim
