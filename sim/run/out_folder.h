// Where each command writes by default, and the check that keeps one command from writing into
// another's folder: `pjsim run` never overwrites a study, a sweep never writes over a run.
//
// Example: default_out("run", "default") == "out/run/default"; default_out("sweep", "default")
//   == "out/sweep/default". check_out_folder("out/sweep/default", OutKind::run, false) throws
//   UserError "out/sweep/default holds a study (results.json): a run would mix its reports with
//   it; choose another --out, or --force to write there anyway" (exit 2); with force it passes.
// A folder is recognised by what the commands leave at its top: report.json (a run or a
// reprice), results.json or shards/manifest.json (a sweep), compare.json (a comparison), serve.json (a serving replay).
#pragma once

#include <filesystem>
#include <string>

namespace pjsim::sim {

enum class OutKind { run, study, compare, serve };

/// "out/<command>/<name>": out/run/..., out/sweep/..., out/compare/..., out/reprice/...
std::filesystem::path default_out(const std::string& command, const std::string& name);

/// Throws UserError when `dir` holds what another kind of command wrote, unless `force`.
void check_out_folder(const std::filesystem::path& dir, OutKind kind, bool force);

}  // namespace pjsim::sim
