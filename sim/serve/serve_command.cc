#include "sim/serve/serve_command.h"

#include <iostream>

#include <fmt/format.h>

#include "reports/atomic_file.h"
#include "serving/serve_summary.h"
#include "serving/trace_error.h"
#include "sim/config/errors.h"
#include "sim/run/out_folder.h"
#include "sim/serve/kv_capacity.h"
#include "sim/serve/serve_report.h"
#include "sim/serve/step_simulator.h"

namespace pjsim::sim {
namespace {

std::string requests_text(const serving::StreamSpec& s) {
  if (s.source == serving::StreamSource::trace) return "trace " + s.trace.path;
  const serving::GeneratorSpec& g = s.generator;
  return fmt::format("generator {} {} req/s", serving::arrival_kind_name(g.arrivals.kind), g.arrivals.rate);
}

double static_watts(const nlohmann::json& report) {
  double w = 0;
  for (const auto& [k, v] : report.at("power").at("average_w").at("static").items()) w += v.get<double>();
  return w;
}

}  // namespace

int serve_point(const ServeOptions& options) {
  const DesignPoint point = load_design_point(options.request);
  const std::filesystem::path dir = options.out.empty() ? default_out("serve", point.name) : std::filesystem::path(options.out);
  check_out_folder(dir, OutKind::serve, options.force);

  serving::ServeSpec spec = point.serving.spec;
  const KvCapacity kv = kv_capacity(point);
  spec.kv.capacity_blocks = kv.blocks;
  spec.kv.bits_per_token = kv.bits_per_token;
  // Requests longer than the model's context are rejected (counted), when the config says it.
  const nlohmann::json& max_positions = point.resolved.at("workload").at("model").at("max_position_embeddings");
  if (max_positions.is_number_unsigned()) spec.max_context = max_positions.get<std::uint64_t>();

  StepSimulatorOptions so;
  so.point_file = options.request.point_file;
  if (!options.request.arch.empty()) so.sets.push_back("arch=" + options.request.arch);
  if (!options.request.workload.empty()) so.sets.push_back("workload=" + options.request.workload);
  so.sets.insert(so.sets.end(), options.request.sets.begin(), options.request.sets.end());
  so.out = dir;
  so.jobs = options.jobs;
  so.layers = point.workload.model.num_hidden_layers;
  so.reduced_layers = 1;
  for (std::size_t axis : point.workload.mapping.pipeline) so.reduced_layers *= point.arch.topology.dims.at(axis);
  ProcessStepSimulator simulator(so);
  // A probe step: the point runs at all, and its static power is the idle power.
  serving::StepShape probe;
  probe.decode_seqs = 1;
  probe.decode_context_sum = 1;
  const nlohmann::json probe_report = [&] {
    simulator.simulate({probe});
    return simulator.first_report();
  }();
  serving::ReplayOptions ro;
  ro.idle_watts = static_watts(probe_report);
  const models::GatingParams& g = point.arch.chip.gating;
  if (g.enabled) {
    const nlohmann::json& parts = probe_report.at("power").at("average_w").at("static");
    std::uint64_t chips = 1;
    for (std::uint64_t d : point.arch.topology.dims) chips *= d;
    ro.gating = {true, g.idle_threshold_s, parts.value("core", 0.0) + parts.value("links", 0.0), g.gated_fraction,
                 g.wake_energy_j * double(chips * (point.arch.chip.cores + point.arch.chip.links)), g.wake_latency_s};
  }
  simulator.pin_weights(probe_report.at("placement").at("totals").at("sram").value("weights", 0.0) > 0 ? "sram" : "hbm");
  ro.max_wall_s = options.max_wall_s;

  const bool exact = options.exact || point.serving.exact;
  std::unique_ptr<serving::StepCosts> costs = exact ? serving::exact_costs(simulator) : serving::bucketed_costs(simulator);
  serving::ServeResult result;
  try {
    std::unique_ptr<serving::RequestSource> source = serving::open_requests(point.serving.stream);
    result = serving::replay(*source, spec, *costs, ro);
  } catch (const serving::TraceError& e) {
    throw UserError(e.what());
  }
  const serving::ServeSummary summary = serving::summarize(result, spec);

  ServeFacts facts;
  facts.name = point.name;
  facts.model = point.resolved.at("workload").at("model").value("base", std::string("custom"));
  facts.arch = point.resolved.at("arch").value("base", std::string("custom"));
  facts.requests = requests_text(point.serving.stream);
  facts.costs = exact ? "exact" : "bucketed";
  facts.chips = probe_report.at("energy_pj").at("by_chip").size();
  facts.kv_block_tokens = spec.kv.block_tokens;
  facts.kv_bits_per_token = kv.bits_per_token;
  facts.idle_watts = ro.idle_watts;
  facts.config = point.resolved;
  facts.config["serving"] = point.serving_resolved;
  facts.config_hash = point.config_hash;
  facts.serve_hash = serve_config_hash(point);
  const nlohmann::json j = serve_json(result, summary, facts);
  reports::write_files_together({{dir / "serve.json", j.dump(2) + "\n"},
                                 {dir / "requests.csv", requests_csv(result)},
                                 {dir / "serve.md", serve_markdown(j)},
                                 {dir / "serve.html", serve_html(j, result)}});
  if (!options.quiet) std::cout << serve_markdown(j);
  if (result.partial) std::cerr << "warning: partial replay: " << result.partial_reason << "\n";
  std::cout << "serve: " << (dir / "serve.json").string() << "\n";
  return exit_ok;
}

}  // namespace pjsim::sim
