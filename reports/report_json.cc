#include <cstdint>

#include "models/pricing.h"
#include "reports/report.h"
#include "reports/report_area.h"
#include "reports/report_counts.h"
#include "reports/report_energy.h"
#include "reports/report_ledger.h"
#include "reports/report_mesh.h"
#include "reports/report_power.h"
#include "reports/report_workload.h"
#include "reports/roofline.h"

namespace pjsim::reports {

namespace {

// Guards every ratio so the JSON never holds NaN or inf (nlohmann would write them as null).
double ratio(double numerator, double denominator) { return denominator != 0 ? numerator / denominator : 0.0; }

// Steps simulated: decode runs config.workload.steps steps; prefill is one step. Tolerates a
// config without the key (hand-built results in tests, older configs).
std::uint64_t steps_of(const RunResult& r) {
  if (r.phase == "prefill") return 1;
  const auto ptr = nlohmann::json::json_pointer("/workload/steps");
  if (!r.config.is_object() || !r.config.contains(ptr) || !r.config.at(ptr).is_number_integer()) return 1;
  // A JSON integer may be stored signed (a literal 4) or unsigned (parsed 4): both are steps.
  const auto steps = r.config.at(ptr).get<std::int64_t>();
  return steps > 1 ? static_cast<std::uint64_t>(steps) : 1;
}

nlohmann::json seconds_json(const std::map<std::string, double>& seconds) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [key, s] : seconds) j[key] = s;
  return j;
}

nlohmann::json time_section(const RunResult& r) {
  const std::uint64_t steps = steps_of(r);
  nlohmann::json j = {{"seconds", r.seconds},
                      {"cycles", r.cycles},
                      {"frequency_hz", r.frequency_hz},
                      {"steps", steps},
                      {"seconds_per_step", r.seconds / static_cast<double>(steps)}};
  if (!r.op_seconds.empty()) j["by_op"] = seconds_json(r.op_seconds);        // 1.2
  if (!r.layer_seconds.empty()) j["by_layer"] = seconds_json(r.layer_seconds);  // 1.2
  return j;
}

// The figures under the names measured serving energy is published with (schema 1.2,
// docs/report-schema.md#metrics): joules per token, average watts, tokens per second, time to
// first token (prefill) or time per output token (decode), and model FLOPs utilisation.
nlohmann::json metrics_section(const RunResult& r, const nlohmann::json& report) {
  const double joules = report.at("energy_pj").at("total").get<double>() * 1e-12;
  const double macs = static_cast<double>(report.at("counts").at("macs").at("total").get<std::uint64_t>());
  double peak = roofline_of(r.config, static_cast<double>(r.chips)).peak_macs_per_s;
  // A DVFS point (arch.chip.dvfs) runs at its own frequency, not the config's arch.chip.frequency.
  const auto dvfs = nlohmann::json::json_pointer("/arch/chip/dvfs");
  const double config_hz = config_number(r.config, "/arch/chip/frequency");
  if (r.config.is_object() && r.config.contains(dvfs) && r.config.at(dvfs).is_string() && config_hz > 0)
    peak *= r.frequency_hz / config_hz;
  const double step = report.at("time").at("seconds_per_step").get<double>();
  nlohmann::json j = {{"energy_joules", joules},
                      {"energy_per_token_joules", report.at("tokens").at("energy_pj_per_token").get<double>() * 1e-12},
                      {"avg_power_watts", ratio(joules, r.seconds)},
                      {"tokens_per_second", report.at("tokens").at("per_second").get<double>()},
                      {"mfu", ratio(macs, r.seconds * peak)}};
  if (r.phase == "prefill")
    j["ttft_seconds"] = step;  // the prompt's pass ends with the first token
  else  // one token per sequence per step; speculative decoding accepts accepted_per_pass
    j["tpot_seconds"] = r.workload.accepted_per_pass > 0 ? step / r.workload.accepted_per_pass : step;
  return j;
}

// Per-token figures count the tokens a phase exists to produce: decode produces generated
// tokens; prefill's work is the prompt, so its tokens are the processed (prompt) tokens.
// Speculative decoding: per-token figures are per expected accepted token (draft cost included).
nlohmann::json tokens_section(const RunResult& r, double total_pj) {
  // A mixed step's work is every position it processes (decodes and prompt chunks share the gemms).
  const bool prefill = r.phase == "prefill" || r.phase == "mixed";
  const bool speculative = r.workload.accepted_per_pass > 0;
  const double basis = speculative ? r.workload.tokens_accepted
                                   : static_cast<double>(prefill ? r.tokens_processed : r.tokens_generated);
  nlohmann::json j = {{"generated", r.tokens_generated},
                      {"processed", r.tokens_processed},
                      {"basis", speculative ? "accepted" : prefill ? "processed" : "generated"},
                      {"per_second", ratio(basis, r.seconds)},
                      {"energy_pj_per_token", ratio(total_pj, basis)}};
  if (speculative) {
    j["accepted"] = r.workload.tokens_accepted;
    j["accepted_per_pass"] = r.workload.accepted_per_pass;
  }
  return j;
}

nlohmann::json ratios_section(const nlohmann::json& energy, const nlohmann::json& counts) {
  const auto& tier = energy.at("by_tier");
  const double movement = tier.at("sram").get<double>() + tier.at("hbm").get<double>() +
                          tier.at("noc").get<double>() + tier.at("ici").get<double>();
  const double mac_pj = energy.at("by_action").at("mac").get<double>();
  const double macs = static_cast<double>(counts.at("macs").at("total").get<std::uint64_t>());
  const auto& bits = counts.at("bits");
  const double hbm_bits =
      static_cast<double>(bits.at("hbm_read").get<std::uint64_t>() + bits.at("hbm_write").get<std::uint64_t>());
  return {{"movement_to_compute", ratio(movement, mac_pj)},
          {"hbm_bits_per_mac", ratio(hbm_bits, macs)},
          {"pj_per_mac_all_in", ratio(energy.at("total").get<double>(), macs)}};
}

nlohmann::json utilisation_section(const RunResult& r) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [kind, busy] : r.busy)
    j[kind] = ratio(busy.first, static_cast<double>(busy.second) * r.seconds);
  return j;
}

// The inputs of static energy (reprice reads them back): watts per chip, chips, the voltage
// ratio, and each static part with its units, watts per unit and source.
nlohmann::json prices_static_section(const RunResult& r) {
  nlohmann::json parts = nlohmann::json::array();
  for (const models::StaticLine& l : static_parts_of(r))
    parts.push_back({{"part", l.part}, {"units", l.units}, {"unit", l.unit}, {"watts_each", l.watts_each},
                     {"watts", l.watts()}, {"source", l.source}});
  return {{"static_power_w", r.static_power_w}, {"chips", r.chips}, {"voltage_ratio", r.voltage_ratio}, {"parts", parts}};
}

}  // namespace

nlohmann::json build_report(const RunResult& r, const std::string& pjsim_version) {
  auto priced = models::price_ledger(r.ledger, r.technology);
  // Off-nominal voltage: on-die dynamic energy scales with (V / V_nominal)^2 (models/static_power.h).
  if (r.voltage_ratio != 1.0)
    for (auto& e : priced)
      if (models::scales_with_voltage(e.tag.action)) e.pj *= r.voltage_ratio * r.voltage_ratio;

  nlohmann::json j;
  j["schema_version"] = kSchemaVersion;
  j["pjsim_version"] = pjsim_version;
  j["name"] = r.name;
  j["phase"] = r.phase;
  j["config"] = r.config;
  j["config_hash"] = r.config_hash;
  j["technology"] = r.technology.name;
  j["time"] = time_section(r);
  j["energy_pj"] = energy_section(priced, r);
  j["tokens"] = tokens_section(r, j["energy_pj"]["total"].get<double>());
  j["counts"] = counts_section(r.ledger);
  j["ledger"] = ledger_section(r.ledger);  // every tagged count: lets `pjsim reprice` price again exactly
  j["prices"] = prices_section(priced);
  j["prices_static"] = prices_static_section(r);
  j["power"] = power_section(priced, r);
  j["ratios"] = ratios_section(j["energy_pj"], j["counts"]);
  j["utilisation"] = utilisation_section(r);
  j["simulation"] = {{"events", r.sim_events}};
  j["workload"] = workload_section(r);
  j["links"] = links_section(r);
  j["placement"] = placement_section(r);
  j["time"]["collective_seconds"] = r.collective_seconds;
  for (const auto& [kind, c] : r.collectives_by_kind)
    j["collectives"][kind] = {{"count", c.count},
                              {"bits", c.bits},
                              {"seconds", c.seconds},
                              {"exposed_seconds", c.exposed_seconds},
                              {"algorithms", c.algorithms}};
  if (r.pipeline_stages > 1)
    j["pipeline"] = {{"stages", r.pipeline_stages}, {"microbatches", r.microbatches}, {"bubble", r.pipeline_bubble}};
  j["metrics"] = metrics_section(r, j);
  j["area"] = area_section(r, j);
  return j;
}

std::string dump_report(const nlohmann::json& report) { return report.dump(2) + "\n"; }

}  // namespace pjsim::reports
