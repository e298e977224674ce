#include "sim/run/out_folder.h"

#include <utility>
#include <vector>

#include "sim/config/errors.h"

namespace pjsim::sim {

namespace fs = std::filesystem;

fs::path default_out(const std::string& command, const std::string& name) { return fs::path("out") / command / name; }

void check_out_folder(const fs::path& dir, OutKind kind, bool force) {
  if (force) return;
  static const std::vector<std::pair<OutKind, std::pair<const char*, const char*>>> markers = {
      {OutKind::run, {"report.json", "a run's reports"}},
      {OutKind::study, {"results.json", "a study"}},
      {OutKind::study, {"shards/manifest.json", "a sharded study"}},
      {OutKind::compare, {"compare.json", "a comparison"}},
      {OutKind::serve, {"serve.json", "a serving replay"}}};
  static const char* const doing[] = {"a run", "a study", "a comparison", "a serving replay"};
  std::error_code ec;
  for (const auto& [owner, marker] : markers) {
    if (owner == kind || !fs::exists(dir / marker.first, ec)) continue;
    throw UserError(dir.string() + " holds " + marker.second + " (" + marker.first + "): " + doing[static_cast<int>(kind)] +
                    " would mix its files with it; choose another --out, or --force to write there anyway");
  }
}

}  // namespace pjsim::sim
