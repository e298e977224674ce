// The pjsim command line (CLI11): run, validate, list.
//
//   pjsim run                         the embedded default point
//   pjsim run POINT.yaml --set workload.batch=64 --out out/b64
//   pjsim run --arch tpu-v5e-like --workload my-workload.yaml
//   pjsim validate examples/*.yaml   checks without simulating
//   pjsim list                        presets of each kind
//
// Exit codes: 0 success, 2 user or configuration error (one line on stderr), 1 internal error.
#pragma once

namespace pjsim::sim {

int run_cli(int argc, char** argv);

}  // namespace pjsim::sim
