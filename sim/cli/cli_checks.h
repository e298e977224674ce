// Checks of command-line values, and one-line parse errors (CLI11 underneath).
//
//   non_empty()          "" names no file, folder or preset: `pjsim run ''`, `--arch ''`,
//                        `--out ''` are errors, never the default run silently.
//   positive_seconds()   finite and > 0: `--timeout nan`, `--timeout -1` are errors with a short
//                        message, not CLI11's 300-digit range of a double.
//   count_in(1, 4096)    a whole number in range: `-j 0` is an error.
//   report_parse_error   "error: ..." on one line, exit 2; an unknown or missing command lists the
//                        valid ones; --help and --version print as CLI11 does, exit 0.
// Example: pjsim sweep -j 0  ->  "error: --jobs: expected a whole number in 1..4096, got '0'".
#pragma once

#include <CLI/CLI.hpp>

namespace pjsim::sim {

CLI::Validator non_empty();
CLI::Validator positive_seconds();
CLI::Validator count_in(unsigned least, unsigned most);

/// Prints the parse error (or the help) and returns the exit code: 0 for --help/--version, else 2.
int report_parse_error(CLI::App& app, const CLI::ParseError& error);

}  // namespace pjsim::sim
