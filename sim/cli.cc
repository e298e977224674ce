#include "sim/cli.h"

#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "models/pricing.h"
#include "reports/atomic_file.h"
#include "reports/report.h"
#include "sim/config.h"
#include "sim/config_schema.h"
#include "sim/errors.h"
#include "sim/presets.h"
#include "sim/simulate.h"
#include "sim/study_commands.h"

namespace pjsim::sim {

namespace {

struct RunOptions {
  LoadRequest request;
  std::string out;
  bool quiet = false;
};

int run_point(const RunOptions& options) {
  const DesignPoint point = load_design_point(options.request);
  reports::RunResult result = simulate(point);
  nlohmann::json report;
  try {
    report = reports::build_report(result, PJSIM_VERSION);
  } catch (const models::MissingPrice& e) {
    throw UserError(e.key_path + ": " + e.what());
  }
  const std::filesystem::path dir =
      options.out.empty() ? std::filesystem::path("out") / point.name : std::filesystem::path(options.out);
  const reports::WrittenReports written = reports::write_reports(report, dir);
  if (!options.quiet) std::cout << reports::console_summary(report);
  std::cout << "report: " << written.json.string() << "\n";
  return exit_ok;
}

int validate_files(const std::vector<std::string>& files) {
  int status = exit_ok;
  for (const std::string& file : files) {
    try {
      LoadRequest request;
      request.point_file = file;
      const DesignPoint point = load_design_point(request);
      std::cout << file << ": ok (" << point.name << ")\n";
    } catch (const UserError& e) {
      std::cerr << e.what() << "\n";
      status = exit_user;
    }
  }
  return status;
}

int list_all() {
  std::string kind;
  for (const PresetInfo& p : list_presets()) {
    if (p.kind != kind) {
      kind = p.kind;
      std::cout << kind << ":\n";
    }
    std::cout << fmt::format("  {:<16} {}\n", p.name, p.description);
  }
  return exit_ok;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"pjsim: picojoules and time of serving LLMs on a TPU-like machine"};
  app.require_subcommand(1);
  app.set_version_flag("--version", PJSIM_VERSION);

  RunOptions run;
  std::string point_file;
  CLI::App* run_cmd = app.add_subcommand("run", "simulate one design point (no file: the embedded default)");
  run_cmd->add_option("point", point_file, "design point YAML file");
  run_cmd->add_option("--arch", run.request.arch, "arch preset name or YAML file (replaces the point's arch)");
  run_cmd->add_option("--workload", run.request.workload, "workload preset name or YAML file (replaces the point's workload)");
  run_cmd->add_option("--set", run.request.sets, "override a key: --set workload.batch=64 (repeatable)");
  run_cmd->add_option("--out", run.out, "report folder (default: out/<name>)");
  run_cmd->add_flag("--quiet,-q", run.quiet, "print only the report path");

  std::vector<std::string> files;
  CLI::App* validate_cmd = app.add_subcommand("validate", "check design point files without simulating");
  validate_cmd->add_option("files", files, "design point YAML files")->required();

  CLI::App* list_cmd = app.add_subcommand("list", "list the presets of each kind");
  bool list_keys = false;
  list_cmd->add_flag("--keys", list_keys, "print every design-point key (the table of docs/yaml-reference.md)");

  StudyCommands studies;
  studies.add_to(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_ok : exit_user;
  }

  try {
    if (*run_cmd) {
      run.request.point_file = point_file;
      return run_point(run);
    }
    if (*validate_cmd) return validate_files(files);
    if (*list_cmd && list_keys) {
      std::cout << schema_markdown();
      return exit_ok;
    }
    if (*list_cmd) return list_all();
    if (studies.parsed()) return studies.run();
  } catch (const UserError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return exit_user;
  } catch (const reports::WriteError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return exit_write;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n";
    return exit_internal;
  }
  return exit_internal;
}

}  // namespace pjsim::sim
