// Runs the pjsim executable in a child process (SystemC elaborates once per process) and reads
// what it wrote. Used by the tests that simulate.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pjsim::testing {

struct PjsimRun {
  int exit_code = -1;
  std::string out;         ///< stdout
  std::string err;         ///< stderr
  std::string report_dir;  ///< the --out folder given to `run`
  nlohmann::json report;   ///< report.json when the run wrote one
  std::string report_text; ///< report.json, byte for byte
  std::string report_md;   ///< report.md
  std::string report_csv;  ///< report.csv
  std::string report_html; ///< report.html
};

/// `pjsim <args...>`; for `run` without --out, an --out folder in a fresh temporary directory is
/// added. `shell_prefix` goes before the command in the shell (e.g. "prlimit --fsize=65536 ").
PjsimRun run_pjsim(const std::vector<std::string>& args, const std::string& shell_prefix = "");

/// `pjsim run --quiet --set k=v ...` on the embedded default point with the given overrides.
PjsimRun run_default(const std::vector<std::string>& sets);

std::string read_file(const std::string& path);

}  // namespace pjsim::testing
