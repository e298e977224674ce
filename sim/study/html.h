// The report.html of a sweep or a comparison, from its point results (reports/html_report.h).
//
// Example: write_study_html("out/batching", study, rows) writes out/batching/report.html with
// the Pareto frontier, tiers per point and energy/token vs batch; it returns the path, or ""
// when it could not be written (the sweep's tables are written regardless).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/study/point_pool.h"
#include "sim/study/spec.h"

namespace pjsim::sim {

std::string write_study_html(const std::filesystem::path& out, const StudySpec& study, const std::vector<PointResult>& rows);
std::string write_compare_html(const std::filesystem::path& out, const nlohmann::json& attribution,
                               const std::vector<PointResult>& rows);

}  // namespace pjsim::sim
