// `pjsim diff OLD NEW [--tolerances FILE]`: compares two reports (report.json files, folders
// holding one, or sweep folders with points/<id>/report.json) figure by figure.
//
// Example: pjsim diff tests/golden/llama-3-8b-decode/report.json out/llama-3-8b-decode
//   prints "ok: 2933 figures within tolerance" and exits 0; a 2 % move of energy_pj.total at a
//   1 % tolerance prints the row "energy_pj.total ... +2% 1e-02" and exits 1.
// Tolerance file (first matching rule wins, before the defaults of reports/report_diff.h):
//   tolerances:
//     - {path: "energy_pj.*", relative: 0.01}
//     - {path: "time.seconds", relative: 1e-3, absolute: 1e-12}
// Exit: 0 within tolerance, 1 regression, 2 error (unreadable file, bad tolerance file).
#pragma once

#include <string>

namespace pjsim::sim {

struct DiffOptions {
  std::string old_path;
  std::string new_path;
  std::string tolerances;  ///< optional YAML file
};

int run_diff(const DiffOptions& options);

}  // namespace pjsim::sim
