// The header of a point's page: what was simulated (reports/html_report.h).
#include <fmt/format.h>

#include "reports/html_report.h"
#include "reports/report_access.h"

namespace pjsim::reports {

namespace {

std::string integer(double v) { return fmt::format("{:.0f}", v); }

// "4x4x4 torus3d" from config.arch.topology.
std::string mesh(const nlohmann::json& report) {
  const auto& topology = object_at(report, "/config/arch/topology");
  std::string dims;
  if (topology.contains("dims") && topology["dims"].is_array())
    for (const auto& d : topology["dims"]) dims += (dims.empty() ? "" : "x") + (d.is_number() ? integer(d.get<double>()) : d.dump());
  return dims + (topology.contains("kind") && topology["kind"].is_string() ? " " + topology["kind"].get<std::string>() : "");
}

// "tensor [x], pipeline [y]" from config.workload.mapping, or "".
std::string mapping(const nlohmann::json& report) {
  std::string out;
  for (const auto& [axis, dims] : object_at(report, "/config/workload/mapping").items()) {
    if (!dims.is_array() || dims.empty()) continue;
    std::string list;
    for (const auto& d : dims) list += (list.empty() ? "" : ",") + (d.is_string() ? d.get<std::string>() : d.dump());
    out += (out.empty() ? "" : ", ") + axis + " [" + list + "]";
  }
  return out;
}

}  // namespace

std::vector<PageFact> point_facts(const nlohmann::json& report) {
  const PointContext c = metrics_of(report).context;
  std::vector<PageFact> facts = {{"model", c.model.empty() ? "custom" : c.model}, {"phase", c.phase}, {"batch", integer(c.batch)}};
  if (c.phase == "prefill") facts.push_back({"prompt", integer(c.prompt_tokens) + " tokens"});
  else facts.push_back({"context", integer(c.context_tokens) + " tokens"});
  if (c.phase == "mixed")
    facts.push_back({"prefill chunks", fmt::format("{} ({} tokens)", integer(number_at(report, "/workload/mixed/prefill_chunks")),
                                                   integer(number_at(report, "/workload/mixed/prefill_tokens")))});
  const double steps = number_at(report, "/time/steps", 1);
  if (steps > 1) facts.push_back({"steps", integer(steps)});
  facts.push_back({"precision", fmt::format("weights {}, activations {}, KV {}", c.weights,
                                            string_at(report, "/config/workload/precision/activations"),
                                            string_at(report, "/config/workload/precision/kv"))});
  facts.push_back({"arch", c.arch});
  facts.push_back({"chips", integer(c.chips) + (c.chips > 1 ? " (" + mesh(report) + ")" : "")});
  facts.push_back({"cores per chip", integer(number_at(report, "/config/arch/chip/cores"))});
  const std::string mapped = mapping(report);
  if (!mapped.empty()) facts.push_back({"mapping", mapped});
  facts.push_back({"technology", c.technology});
  facts.push_back({"pjsim", string_at(report, "/pjsim_version") + ", schema " + string_at(report, "/schema_version")});
  facts.push_back({"config hash", string_at(report, "/config_hash")});
  return facts;
}

std::string point_subtitle(const nlohmann::json& report) {
  const PointContext c = metrics_of(report).context;
  const std::string tokens = c.phase == "prefill" ? fmt::format("prompt {}", integer(c.prompt_tokens))
                                                  : fmt::format("context {}", integer(c.context_tokens));
  return fmt::format("{} {}, batch {}, {}, {} weights on {} ({} chip{}, {})", c.model.empty() ? "custom model" : c.model, c.phase,
                     integer(c.batch), tokens, c.weights, c.arch, integer(c.chips), c.chips > 1 ? "s" : "", c.technology);
}

}  // namespace pjsim::reports
