#include "sim/cli/cli.h"

#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "reports/atomic_file.h"
#include "sim/cli/cli_checks.h"
#include "sim/cli/study_commands.h"
#include "sim/config/errors.h"
#include "sim/config/presets.h"
#include "sim/config/schema.h"
#include "sim/run/run_command.h"
#include "sim/serve/serve_command.h"
#include "sim/study/spec.h"

namespace pjsim::sim {

namespace {

int list_all() {
  std::string kind;
  for (const PresetInfo& p : list_presets()) {
    if (p.kind != kind) {
      kind = p.kind;
      std::cout << kind << ":\n";
    }
    std::cout << fmt::format("  {:<16} {}\n", p.name, p.description);
  }
  std::cout << "study:\n";  // embedded studies (studies/*.yaml): pjsim sweep NAME
  for (const std::string& name : embedded_study_names()) {
    const StudySpec study = load_study(name);
    std::cout << fmt::format("  {:<16} {}{}\n", name, study.description, study.command == "serve" ? " (served points)" : "");
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
  run_cmd->add_option("point", point_file, "design point YAML file")->check(non_empty());
  run_cmd->add_option("--arch", run.request.arch, "arch preset name or YAML file (replaces the point's arch)")->check(non_empty());
  run_cmd->add_option("--workload", run.request.workload, "workload preset name or YAML file (replaces the point's workload)")
      ->check(non_empty());
  run_cmd->add_option("--set", run.request.sets, "override a key: --set workload.batch=64 (repeatable)");
  run_cmd->add_option("--out", run.out, "report folder (default: out/run/<name>)")->check(non_empty());
  run_cmd->add_flag("--quiet,-q", run.quiet, "print only errors and the report path");
  run_cmd->add_flag("--force", run.force, "write into a folder that holds a study or a comparison");
  bool no_html = false;
  run_cmd->add_flag("--no-html", no_html, "skip report.html (a sweep's points skip it unless the sweep has --html)");

  ServeOptions serve;
  std::string serve_file;
  CLI::App* serve_cmd = app.add_subcommand("serve", "replay a request stream on a design point (serving.* keys; docs/serving.md)");
  serve_cmd->add_option("point", serve_file, "design point YAML file")->check(non_empty());
  serve_cmd->add_option("--arch", serve.request.arch, "arch preset name or YAML file (replaces the point's arch)")->check(non_empty());
  serve_cmd->add_option("--workload", serve.request.workload, "workload preset name or YAML file (replaces the point's workload)")
      ->check(non_empty());
  serve_cmd->add_option("--set", serve.request.sets, "override a key: --set serving.requests.rate=4 (repeatable)");
  serve_cmd->add_option("--out", serve.out, "output folder (default: out/serve/<name>)")->check(non_empty());
  serve_cmd->add_flag("--quiet,-q", serve.quiet, "print only errors and the serve.json path");
  serve_cmd->add_flag("--force", serve.force, "write into a folder that holds another command's output");
  serve_cmd->add_flag("--exact", serve.exact, "simulate every distinct step (default: interpolate between simulated grid steps)");
  serve_cmd->add_option("--max-wall", serve.max_wall_s, "stop after this many wall seconds with a partial report")
      ->check(positive_seconds());
  serve_cmd->add_option("-j,--jobs", serve.jobs, "steps simulated at a time (default 2)")->check(count_in(1, 1024));

  std::vector<std::string> files;
  CLI::App* validate_cmd = app.add_subcommand("validate", "check design point files without simulating");
  validate_cmd->add_option("files", files, "design point YAML files")->required()->check(non_empty());

  CLI::App* list_cmd = app.add_subcommand("list", "list the presets of each kind");
  bool list_keys = false;
  list_cmd->add_flag("--keys", list_keys, "print every design-point key (the table of docs/yaml-reference.md)");

  StudyCommands studies;
  studies.add_to(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e);
  }

  try {
    if (*run_cmd) {
      run.request.point_file = point_file;
      run.html = !no_html;
      return run_point(run);
    }
    if (*serve_cmd) {
      serve.request.point_file = serve_file;
      return serve_point(serve);
    }
    if (*validate_cmd) return validate_files(files);
    if (*list_cmd && list_keys) {
      std::cout << schema_markdown();
      return exit_ok;
    }
    if (*list_cmd) return list_all();
    if (studies.parsed()) return studies.run();
  } catch (const UserError& e) {  // every message one line, whatever user text it quotes
    std::cerr << "error: " << one_line(e.what()) << "\n";
    return exit_user;
  } catch (const reports::WriteError& e) {
    std::cerr << "error: " << one_line(e.what()) << "\n";
    return exit_write;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << one_line(e.what()) << "\n";
    return exit_internal;
  }
  return exit_internal;
}

}  // namespace pjsim::sim
