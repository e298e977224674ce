// `pjsim run` and `pjsim validate`: one design point from YAML to reports.
//
//   run:      load (sim/config/load.h) -> plan (sim/run/plan.h) -> simulate (sim/run/simulate.h)
//             -> report.json, .md, .csv, ledger.csv, .html in --out (default out/run/<name>) -> console summary
//   validate: load and plan each file, simulating nothing; "FILE: ok (name)" or its error
//
// Example: run_point({{.point_file = "examples/llama-3-8b-decode.yaml"}, "out/mine"})
// writes out/mine/report.json and prints the summary, "page: out/mine/report.html" and "report: out/mine/report.json".
// A folder holding a study or a comparison is refused without `force` (sim/run/out_folder.h).
#pragma once

#include <string>
#include <vector>

#include "sim/config/load.h"

namespace pjsim::sim {

struct RunOptions {
  LoadRequest request;
  std::string out;     ///< report folder; empty = out/run/<point name>
  bool quiet = false;  ///< print only the report path
  bool force = false;  ///< write into a folder that holds another command's output
  bool html = true;    ///< write report.html (sweeps' points skip it unless --html)
};

/// Runs one point and writes its reports; returns exit_ok. Throws UserError or WriteError.
int run_point(const RunOptions& options);
/// Loads and plans each file; returns exit_ok, or exit_user when any failed (each error printed).
int validate_files(const std::vector<std::string>& files);

}  // namespace pjsim::sim
