// report.html: a self-contained page (inline SVG plots by gnuplot, no script, no network) for a
// point, a study or a comparison. Without gnuplot, each plot is replaced by a visible note and
// the rest is written.
//
// Example: write_point_html(report, "out/default") writes out/default/report.html with the key
//   figures, energy by tier (stacked bar), by op, the prices with their sources and a roofline
//   chart (MACs per HBM byte of the step against the chip's peak MAC rate and HBM roof).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/point_metrics.h"

namespace pjsim::reports {

std::string point_html(const nlohmann::json& report);
/// Writes dir/report.html atomically; returns its path.
std::filesystem::path write_point_html(const nlohmann::json& report, const std::filesystem::path& dir);

/// One point of a study, as the study page plots it.
struct StudyRow {
  std::string id;
  std::string label;     ///< "batch=8 weights=int8"
  std::string group;     ///< the label without the batch: points of a group form one line vs batch
  std::string status;    ///< "ok" or the failure
  PointMetrics metrics;
  double critical_batch = 0;
};

/// Pareto frontier (energy/token vs tokens/s), stacked tiers per point, energy/token vs batch
/// (log-log, critical batch marked) and the results table.
std::string study_html(const std::string& title, const std::string& description, const std::vector<StudyRow>& rows);

/// Side-by-side metrics and, per candidate, a waterfall of the sequential attribution of
/// energy/token (from sim's compare.json).
std::string compare_html(const nlohmann::json& attribution);

}  // namespace pjsim::reports
