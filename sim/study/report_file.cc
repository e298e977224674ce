#include "sim/study/report_file.h"

#include <cmath>
#include <vector>

#include "reports/run_result.h"
#include "sim/config/errors.h"
#include "sim/config/flatten.h"
#include "sim/config/input_limits.h"

namespace pjsim::sim {

namespace {

// The figures a table, a diff or a merge reads of every report.
const std::vector<std::string> kHeadlineFigures = {
    "/energy_pj/total",      "/tokens/energy_pj_per_token",    "/tokens/per_second",  "/time/seconds",
    "/time/seconds_per_step", "/ratios/movement_to_compute", "/ratios/pj_per_mac_all_in", "/counts/macs/total"};

std::string key_of(const std::string& pointer) {
  std::string key = pointer.substr(1);
  for (char& c : key)
    if (c == '/') c = '.';
  return key;
}

}  // namespace

nlohmann::json read_report_file(const std::filesystem::path& path) {
  const std::string file = path.string();
  return parse_report_text(read_text_file(file), file);  // regular files only, at most 2 GiB
}

nlohmann::json parse_report_text(const std::string& text, const std::string& file) {
  nlohmann::json report = parse_json(text, file);  // depth, duplicate keys, 1e400
  if (!report.is_object()) fail_at(Location{file, 1, 1}, "", "not a pjsim report (not a JSON object)");
  const std::string current = reports::kSchemaVersion;
  const std::string major = current.substr(0, current.find('.'));
  const auto at = text.find("\"schema_version\"");
  const Location where = at == std::string::npos ? Location{file, 1, 1} : location_at_byte(file, text, at);
  if (!report.contains("schema_version") || !report["schema_version"].is_string())
    fail_at(where, "schema_version", "missing: not a pjsim report");
  const std::string version = report["schema_version"].get<std::string>();
  if (version.substr(0, version.find('.')) != major)
    fail_at(where, "schema_version", "\"" + version + "\" is another major version; this pjsim reads " + major + ".x reports");
  if (!report.contains("config_hash") || !report["config_hash"].is_string())
    fail_at(Location{file}, "config_hash", "missing or not text: not a whole pjsim report");
  for (const std::string& pointer : kHeadlineFigures) {
    const nlohmann::json::json_pointer p(pointer);
    if (!report.contains(p)) fail_at(Location{file}, key_of(pointer), "missing: not a whole pjsim report");
    const nlohmann::json& v = report.at(p);
    if (!v.is_number() || !std::isfinite(v.get<double>()))
      fail_at(Location{file}, key_of(pointer), "not a number (" + std::string(v.type_name()) + ")");
  }
  return report;
}

std::string report_file_problem(const std::filesystem::path& path, nlohmann::json& out) {
  try {
    out = read_report_file(path);
    return "";
  } catch (const UserError& e) {
    return e.what();
  }
}

}  // namespace pjsim::sim
