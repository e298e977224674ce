#include "sim/run/run_command.h"

#include <filesystem>
#include <iostream>

#include "models/pricing.h"
#include "reports/report.h"
#include "sim/config/errors.h"
#include "sim/run/out_folder.h"
#include "sim/run/plan.h"
#include "sim/run/simulate.h"

namespace pjsim::sim {

int run_point(const RunOptions& options) {
  const DesignPoint point = load_design_point(options.request);
  if (point.serving.written && !point.serving.step_of_replay)
    std::cerr << "note: serving.* settings are used by `pjsim serve`; `pjsim run` simulates one step of the workload\n";
  if (!options.out.empty()) check_out_folder(options.out, OutKind::run, options.force);  // before simulating
  reports::RunResult result = simulate(point, plan_point(point));
  nlohmann::json report;
  try {
    report = reports::build_report(result, PJSIM_VERSION);
  } catch (const models::MissingPrice& e) {
    throw UserError(e.key_path + ": " + e.what());
  }
  const std::filesystem::path dir = options.out.empty() ? default_out("run", point.name) : std::filesystem::path(options.out);
  check_out_folder(dir, OutKind::run, options.force);
  const reports::WrittenReports written = reports::write_reports(report, dir, {options.html});
  if (!options.quiet) {
    std::cout << reports::console_summary(report);
    if (options.html) std::cout << "page: " << written.html.string() << "\n";
  }
  std::cout << "report: " << written.json.string() << "\n";
  return exit_ok;
}

int validate_files(const std::vector<std::string>& files) {
  int status = exit_ok;
  for (const std::string& file : files) {
    try {
      LoadRequest request;
      request.point_file = file;
      const DesignPoint point = load_valid_point(request);
      std::cout << file << ": ok (" << point.name << ")\n";
    } catch (const UserError& e) {
      std::cerr << e.what() << "\n";
      status = exit_user;
    }
  }
  return status;
}

}  // namespace pjsim::sim
