#include "sim/study/point_report.h"

#include <cmath>
#include <vector>

#include "sim/config/errors.h"
#include "sim/config/flatten.h"
#include "sim/config/input_limits.h"
#include "sim/study/report_file.h"

namespace pjsim::sim {

namespace {

// The figures a study table, a frontier or a diff reads of every serve.json.
const std::vector<std::string> kServeFigures = {
    "energy_per_token_joules", "output_throughput_tokens_per_sec", "median_ttft_ms", "p99_ttft_ms",
    "median_tpot_ms",          "p99_tpot_ms",                      "goodput_requests_per_sec", "avg_power_watts",
    "total_output_tokens"};

// The serve.json schema this pjsim writes (sim/serve/serve_report.h kServeSchema, a room above
// this one): a file of another major version is refused.
constexpr const char* kServeSchemaRead = "1.0";

}  // namespace

std::string point_report_name(bool serve) { return serve ? "serve.json" : "report.json"; }

std::string point_hash(const DesignPoint& point, bool serve) { return serve ? serve_config_hash(point) : point.config_hash; }

std::string report_hash(const nlohmann::json& report, bool serve) {
  return report.value(serve ? "serve_hash" : "config_hash", std::string());
}

nlohmann::json read_serve_file(const std::filesystem::path& path) {
  const std::string file = path.string();
  const std::string text = read_text_file(file);  // regular files only, at most 2 GiB
  nlohmann::json serve = parse_json(text, file);  // depth, duplicate keys, 1e400
  if (!serve.is_object()) fail_at(Location{file, 1, 1}, "", "not a pjsim serve.json (not a JSON object)");
  const std::string current = kServeSchemaRead;
  const std::string major = current.substr(0, current.find('.'));
  const auto at = text.find("\"schema_version\"");
  const Location where = at == std::string::npos ? Location{file, 1, 1} : location_at_byte(file, text, at);
  if (!serve.contains("schema_version") || !serve["schema_version"].is_string())
    fail_at(where, "schema_version", "missing: not a pjsim serve.json");
  const std::string version = serve["schema_version"].get<std::string>();
  if (version.substr(0, version.find('.')) != major)
    fail_at(where, "schema_version", "\"" + version + "\" is another major version; this pjsim reads serve.json " + major + ".x");
  for (const char* key : {"config_hash", "serve_hash"})
    if (!serve.contains(key) || !serve[key].is_string()) fail_at(Location{file}, key, "missing or not text: not a whole serve.json");
  if (!serve.contains("metrics") || !serve["metrics"].is_object()) fail_at(Location{file}, "metrics", "missing: not a whole serve.json");
  for (const std::string& key : kServeFigures) {
    const nlohmann::json& m = serve["metrics"];
    if (!m.contains(key)) fail_at(Location{file}, "metrics." + key, "missing: not a whole serve.json");
    if (!m[key].is_number() || !std::isfinite(m[key].get<double>()))
      fail_at(Location{file}, "metrics." + key, "not a number (" + std::string(m[key].type_name()) + ")");
  }
  return serve;
}

std::string point_file_problem(const std::filesystem::path& path, bool serve, nlohmann::json& out) {
  if (!serve) return report_file_problem(path, out);
  try {
    out = read_serve_file(path);
    return "";
  } catch (const UserError& e) {
    return e.what();
  }
}

reports::PointMetrics point_metrics(const nlohmann::json& report, bool serve) {
  return serve ? reports::serve_metrics_of(report) : reports::metrics_of(report);
}

}  // namespace pjsim::sim
