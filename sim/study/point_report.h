// What a study point leaves behind and how it is read back, for run points (`pjsim run`,
// report.json) and served points (`pjsim serve`, serve.json) alike: sweep (--resume), compare
// and merge all go through here.
//
// Example: point_report_name(true) == "serve.json"; point_hash(p, true) == serve_config_hash(p)
//   (config and serving keys), so two points differing only in serving.requests.rate differ and
//   --resume reuses neither for the other; read_point_report(r, out, true, why) reads
//   points/<id>/serve.json (bounded, schema 1.x, its metrics as finite numbers) into r.metrics.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/config/load.h"
#include "sim/study/point_pool.h"

namespace pjsim::sim {

/// "serve.json" for a served point, else "report.json".
std::string point_report_name(bool serve);
/// The hash the point's report must hold: config_hash, or serve_config_hash for a served point.
std::string point_hash(const DesignPoint& point, bool serve);
/// The hash a report holds: `config_hash`, or `serve_hash` for a serve.json.
std::string report_hash(const nlohmann::json& report, bool serve);

/// Throws UserError, located, at the first problem of a serve.json: not a regular file, too big
/// or deep, another schema major version, `serve_hash` or a headline metric missing or not finite.
nlohmann::json read_serve_file(const std::filesystem::path& path);
/// read_serve_file or read_report_file without throwing: "" and the report, or the problem.
std::string point_file_problem(const std::filesystem::path& path, bool serve, nlohmann::json& out);
/// The table's figures of a report: serve_metrics_of or metrics_of.
reports::PointMetrics point_metrics(const nlohmann::json& report, bool serve);

}  // namespace pjsim::sim
