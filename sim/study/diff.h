// `pjsim diff OLD NEW`: compares two reports (report.json files, folders holding one, or sweep
// folders with points/<id>/report.json) figure by figure, for CI.
//
// Example: pjsim diff tests/golden/llama-3-8b-decode/report.json out/run/llama-3-8b-decode
//   prints "ok: 0 regression(s), ... among 2933 figures compared" and exits 0; a 2 % rise of
//   energy_pj.total at a 1 % tolerance prints the row "energy_pj.total ... +2.00% 1e-02 regression"
//   and exits 1. --json or --markdown (on stdout, instead of the table) and --junit FILE give the same verdict to
//   scripts, pull-request comments and CI test views; headline figures come first.
// Tolerance file (rules: first match wins, before the defaults of reports/report_diff.h):
//   tolerances:
//     - {path: "energy_pj.*", relative: 0.01}
//     - {path: "time.seconds", relative: 1e-3, absolute: 1e-12}
//   ignore: ["simulation.events", "p007/*"]      # figures not compared (globs, bare or with the point)
//   rename: {p003: p010}                           # sweeps: old point id -> new point id
// Exit: 0 within tolerance, 1 a regression (--fail-on regression) or any move beyond tolerance
// (--fail-on change, the default: what goldens need), 2 an error: an unreadable or truncated
// report, a report of another schema major version, a tolerance file with an unknown key or a
// bad glob, each one line naming the file, line and column.
#pragma once

#include <string>

namespace pjsim::sim {

struct DiffOptions {
  std::string old_path;
  std::string new_path;
  std::string tolerances;       ///< optional YAML file
  std::string json;             ///< "-" = stdout instead of the table; a path = written there; "" = none (CLI: --json is "-")
  std::string markdown;         ///< as json
  std::string junit;            ///< a path, or ""
  std::string fail_on = "change";  ///< "change" or "regression"
};

int run_diff(const DiffOptions& options);

}  // namespace pjsim::sim
