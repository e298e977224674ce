#include "sim/study/reprice.h"

#include <filesystem>
#include <iostream>

#include "models/pricing.h"
#include "reports/report.h"
#include "reports/report_ledger.h"
#include "sim/config/build.h"
#include "sim/config/errors.h"
#include "sim/config/flatten.h"
#include "sim/config/load.h"
#include "sim/config/presets.h"
#include "sim/config/safe_name.h"
#include "sim/config/values.h"
#include "sim/run/out_folder.h"
#include "sim/study/report_file.h"

namespace pjsim::sim {

namespace {

namespace fs = std::filesystem;

const nlohmann::json& at(const nlohmann::json& report, const std::string& pointer, const std::string& file) {
  const auto ptr = nlohmann::json::json_pointer(pointer);
  if (!report.contains(ptr)) fail_at(Location{file}, pointer.substr(1), "missing from the report (schema 1.1 or later needed)");
  return report.at(ptr);
}

// Everything build_report needs that pricing can change, rebuilt from the stored report.
reports::RunResult run_result_of(const nlohmann::json& report, const std::string& file) {
  reports::RunResult r;
  r.name = report.value("name", "");
  r.config = report.value("config", nlohmann::json());
  r.config_hash = report.value("config_hash", "");
  r.phase = report.value("phase", "decode");
  r.seconds = at(report, "/time/seconds", file).get<double>();
  r.cycles = at(report, "/time/cycles", file).get<std::uint64_t>();
  r.frequency_hz = at(report, "/time/frequency_hz", file).get<double>();
  r.tokens_generated = at(report, "/tokens/generated", file).get<std::uint64_t>();
  r.tokens_processed = at(report, "/tokens/processed", file).get<std::uint64_t>();
  const auto& tokens = report.at("tokens");
  if (tokens.contains("accepted")) {
    r.workload.tokens_accepted = tokens.at("accepted").get<double>();
    r.workload.accepted_per_pass = tokens.value("accepted_per_pass", 0.0);
  }
  r.static_power_w = at(report, "/prices_static/static_power_w", file).get<double>();
  r.chips = at(report, "/prices_static/chips", file).get<std::uint64_t>();
  const auto& stat = report.at("prices_static");
  r.voltage_ratio = stat.value("voltage_ratio", 1.0);
  if (report.contains("area") && report.at("area").contains("lines"))  // area does not depend on prices
    for (const auto& l : report.at("area").at("lines"))
      r.area.push_back({l.value("component", ""), l.value("units", 0.0), l.value("unit", ""), l.value("mm2_each", 0.0),
                        l.value("source", "")});
  if (report.contains("time") && report.at("time").contains("by_layer"))  // the power section's windows
    for (const auto& [layer, s] : report.at("time").at("by_layer").items()) r.layer_seconds[layer] = s.get<double>();
  if (stat.contains("parts") && stat.at("parts").is_array())
    for (const auto& p : stat.at("parts"))
      r.static_parts.push_back({p.value("part", ""), p.value("units", 0.0), p.value("unit", ""), p.value("watts_each", 0.0),
                                p.value("source", "")});
  r.cores_per_chip = at(report, "/config/arch/chip/cores", file).get<std::uint64_t>();
  try {
    r.ledger = reports::ledger_from_json(at(report, "/ledger", file));
  } catch (const std::invalid_argument& e) {
    fail_at(Location{file}, "ledger", e.what());
  }
  return r;
}

fs::path report_file(const std::string& arg) {
  std::error_code ec;
  if (fs::is_directory(arg, ec)) return fs::path(arg) / "report.json";
  return arg;
}

}  // namespace

models::Technology load_technology(const std::string& name_or_file, nlohmann::json& resolved) {
  FlatConfig flat;
  Flattener flattener(flat);
  const std::string point = "preset:default";
  flattener.add_point(parse_yaml(*preset_text("point", "default"), point), point);
  std::error_code ec;
  if (fs::is_regular_file(name_or_file, ec)) {
    const YAML::Node root = parse_yaml(read_text_file(name_or_file), name_or_file);
    if (!root.IsMap() || !root["technology"])
      fail_at(Location{name_or_file, 1, 1}, "technology", "a technology file has the top-level key `technology:`");
    flattener.add_section(root["technology"], "arch.technology", name_or_file);
  } else {
    flattener.add_section(YAML::Node(name_or_file), "arch.technology", "--technology");
  }
  const Values values = read_values(flat, point);
  resolved = resolved_json(values).at("arch").at("technology");
  return build_arch(values).technology;
}

nlohmann::json reprice_report(const nlohmann::json& report, const models::Technology& tech,
                              const nlohmann::json& tech_config) {
  const std::string file = report.value("name", "report");
  reports::RunResult r = run_result_of(report, file);
  r.technology = tech;
  nlohmann::json priced;
  try {
    priced = reports::build_report(r, report.value("pjsim_version", PJSIM_VERSION));
  } catch (const models::MissingPrice& e) {
    throw UserError(e.key_path + ": " + e.what());
  }
  nlohmann::json out = report;
  for (const char* key : {"technology", "energy_pj", "tokens", "prices", "ratios", "metrics", "power", "area"}) out[key] = priced[key];
  if (out.contains("config") && out["config"].contains("arch")) {
    out["config"]["arch"]["technology"] = tech_config;
    out["config_hash"] = config_hash_of(out["config"].dump());
  }
  return out;
}

int run_reprice(const RepriceOptions& options) {
  const fs::path file = report_file(options.report);
  const nlohmann::json report = read_report_file(file);  // bounded, this schema, figures as numbers
  nlohmann::json tech_config;
  const models::Technology tech = load_technology(options.technology, tech_config);
  nlohmann::json repriced;
  try {
    repriced = reprice_report(report, tech, tech_config);
  } catch (const nlohmann::json::exception& e) {  // a ledger or section of the wrong shape
    fail_at(Location{file.string()}, "", std::string("not a whole pjsim report: ") + e.what());
  }
  const fs::path dir = options.out.empty() ? default_out("reprice", safe_name(report.value("name", "report") + "-" + tech.name))
                                           : fs::path(options.out);
  check_out_folder(dir, OutKind::run, options.force);
  const reports::WrittenReports written = reports::write_reports(repriced, dir);
  if (!options.quiet) std::cout << reports::console_summary(repriced);
  std::cout << "report: " << written.json.string() << "\n";
  return exit_ok;
}

}  // namespace pjsim::sim
