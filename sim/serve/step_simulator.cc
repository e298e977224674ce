#include "sim/serve/step_simulator.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/ledger.h"
#include "models/pricing.h"
#include "reports/report_energy.h"
#include "reports/report_ledger.h"
#include "sim/config/errors.h"
#include "sim/process/process_pool.h"
#include "sim/study/report_file.h"

namespace pjsim::sim {
namespace {

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

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

namespace {

const char* op_class(workloads::OpCategory category) {
  return category == workloads::OpCategory::attention ? "attention"
         : category == workloads::OpCategory::lm_head ? "lm_head"
                                                       : "rest";
}

}  // namespace

std::vector<std::string> reduced_sets(const StepSimulatorOptions& o, double& scale) {
  scale = 1;
  if (o.reduced_layers == 0 || o.reduced_layers >= o.layers) return {};
  scale = double(o.layers) / double(o.reduced_layers);
  return {fmt::format("workload.model.num_hidden_layers={}", o.reduced_layers), "workload.placement.weights=" + o.weights_at,
          std::string("workload.placement.kv=") + (o.weights_at == "hbm" ? "hbm" : "auto")};
}

serving::StepCost step_cost_of(const nlohmann::json& report) {
  serving::StepCost c;
  c.seconds = report.at("time").at("seconds").get<double>();
  const nlohmann::json& e = report.at("energy_pj");
  c.energy_pj = e.at("total").get<double>();
  for (const auto& [k, v] : e.at("by_tier").items()) c.parts["tier." + k] += v.get<double>();
  for (const auto& [k, v] : e.at("by_data").items()) c.parts["data." + k] += v.get<double>();
  const double static_pj = e.at("static").get<double>();
  c.parts["data.static"] += static_pj;
  c.static_watts = c.seconds > 0 ? static_pj * 1e-12 / c.seconds : 0;
  // The ops by class: time from time.by_op, energy and its parts priced from the ledger.
  const nlohmann::json& by_op = report.at("time").at("by_op");
  double classified = 0;
  for (const char* k : {"attention", "lm_head"}) {
    c.ops[k].seconds = by_op.value(k, 0.0);
    classified += c.ops[k].seconds;
  }
  c.ops["rest"].seconds = c.seconds - classified;
  // The report's own prices (by models::price_key), so DVFS and capacity scaling are kept.
  std::map<std::string, double> pj_per_count;
  for (const nlohmann::json& p : report.at("prices")) pj_per_count[p.at("key").get<std::string>()] = p.at("pj").get<double>();
  const models::Ledger ledger = reports::ledger_from_json(report.at("ledger"));
  for (const auto& [tag, count] : ledger.entries()) {
    const double pj = pj_per_count.at(models::price_key(tag)) * static_cast<double>(count);
    serving::CostPart& part = c.ops[op_class(tag.op)];
    part.energy_pj += pj;
    part.parts[std::string("tier.") + models::to_string(models::tier_of(tag.action))] += pj;
    part.parts["data." + reports::data_key(tag)] += pj;
  }
  return c;
}

std::vector<serving::StepCost> ProcessStepSimulator::simulate(const std::vector<serving::StepShape>& shapes) {
  // The serve's point was loaded and checked once; each step goes straight to a child `pjsim run`.
  std::vector<Job> jobs;
  std::vector<std::filesystem::path> dirs;
  std::vector<double> scales;
  for (const serving::StepShape& s : shapes) {
    const std::string id = fmt::format("s{:06}", next_id_++);
    const std::filesystem::path dir = options_.out / "steps" / id;
    std::vector<std::string> args = {"run"};
    if (!options_.point_file.empty()) args.push_back(options_.point_file);
    for (const std::string& set : options_.sets) args.insert(args.end(), {"--set", set});
    for (const std::string& set : step_sets(s)) args.insert(args.end(), {"--set", set});
    double scale = 1;
    if (s.attention_only)
      for (const std::string& set : reduced_sets(options_, scale)) args.insert(args.end(), {"--set", set});
    scales.push_back(scale);
    args.insert(args.end(), {"--out", dir.string(), "--quiet", "--no-html", "--force"});
    jobs.push_back({id, args, dir / "log.txt"});
    dirs.push_back(dir);
  }
  PoolOptions po;
  po.jobs = options_.jobs;
  const std::vector<JobOutcome> outcomes = run_pool(jobs, po);
  if (pool_interrupted()) throw UserError("interrupted while simulating serving steps");
  std::vector<serving::StepCost> costs;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i].status != JobStatus::ok) {
      std::string log = read_text_file(dirs[i] / "log.txt");
      while (!log.empty() && log.back() == '\n') log.pop_back();
      throw UserError(fmt::format("serving step {} ({}) could not be simulated: {}", jobs[i].id,
                                  fmt::join(step_sets(shapes[i]), " "), log.substr(log.rfind('\n') + 1)));
    }
    const nlohmann::json report = read_report_file(dirs[i] / "report.json");
    if (first_report_.is_null() && !shapes[i].attention_only) first_report_ = report;
    serving::StepCost cost = step_cost_of(report);
    if (shapes[i].attention_only) {  // only the attention class is valid, scaled to every layer
      serving::CostPart attention = serving::blend(cost.ops["attention"], scales[i], {}, 0);
      cost.ops = {{"attention", attention}};
    }
    costs.push_back(std::move(cost));
  }
  return costs;
}

}  // namespace pjsim::sim
