// `pjsim run` and `pjsim validate`: one design point from YAML to reports.
//
//   run:      load (sim/config/load.h) -> plan (sim/run/plan.h) -> simulate (sim/run/simulate.h)
//             -> report.json, .md, .csv, .html in --out (default out/<name>) -> console summary
//   validate: load and plan each file, simulating nothing; "FILE: ok (name)" or its error
//
// Example: run_point({{.point_file = "examples/llama-3-8b-decode.yaml"}, "out/mine", false})
// writes out/mine/report.json and prints the summary and "report: out/mine/report.json".
#pragma once

#include <string>
#include <vector>

#include "sim/config/load.h"

namespace pjsim::sim {

struct RunOptions {
  LoadRequest request;
  std::string out;     ///< report folder; empty = out/<point name>
  bool quiet = false;  ///< print only the report path
};

/// Runs one point and writes its reports; returns exit_ok. Throws UserError or WriteError.
int run_point(const RunOptions& options);
/// Loads and plans each file; returns exit_ok, or exit_user when any failed (each error printed).
int validate_files(const std::vector<std::string>& files);

}  // namespace pjsim::sim
