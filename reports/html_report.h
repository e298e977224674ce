// report.html of a point, a study or a comparison: self-contained offline pages with
// interactive Vega-Lite charts (reports/html_page.h), one writer per page kind.
//
// Example: write_point_html(report, "out/run/default") writes out/run/default/report.html: a
//   header naming what was simulated, key figures under their standard names, energy by tier x
//   data class, energy and time by op and by layer (with what bounds each op), the energy and
//   time rooflines, utilisation per unit with MFU, and the prices with their sources.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/html_page.h"
#include "reports/point_metrics.h"

namespace pjsim::reports {

std::string point_html(const nlohmann::json& report);
/// Writes dir/report.html atomically; returns its path.
std::filesystem::path write_point_html(const nlohmann::json& report, const std::filesystem::path& dir);

/// The header facts of a report: model, phase, batch, context or prompt, precision, arch,
/// chips and their mesh, cores, technology, pjsim version; "model" -> "llama-3-8b", ...
std::vector<PageFact> point_facts(const nlohmann::json& report);
/// One line naming the point: "llama-3-8b decode, batch 16, context 2048 on tpu-v4-like (1 chip, tpu-7nm)".
std::string point_subtitle(const nlohmann::json& report);

/// One point of a study, as the study page shows it.
struct StudyRow {
  std::string id;
  std::string label;     ///< "batch=8 weights=int8"
  std::string group;     ///< the label without the batch: points of a group form one line vs batch
  std::vector<std::pair<std::string, std::string>> settings;  ///< the swept keys (short names) and values
  std::string status;    ///< "ok", "skipped" (invalid, skip_invalid) or the failure
  std::string error;     ///< why it failed or was skipped
  std::string page;      ///< link to the point's page or report, relative to the study page; "" without one
  PointMetrics metrics;
  double critical_batch = 0;
};

struct StudyPage {
  std::string title;
  std::string description;
  std::vector<PageFact> facts;   ///< study file, base, axes
  std::vector<StudyRow> rows;
};

/// Frontier of latency per token against J/token coloured by a swept key (a menu picks which),
/// energy by tier per point (shares), J/token against batch with the critical batch, the
/// sortable table of points linking each point's report, and every skipped or failed point
/// with its reason.
/// A study of served points (every ok row has metrics.serve) shows instead the frontier of p50
/// and p99 TPOT against J per output token and the table of serving figures.
std::string study_html(const StudyPage& study);
/// Those two sections (reports/html_study_serve.cc); empty when no row is a served point.
/// `keys` are the swept keys (short names), one column each.
std::vector<PageSection> serve_study_sections(const std::vector<StudyRow>& rows, const std::vector<std::string>& keys);

/// Side-by-side metrics and, per candidate, a waterfall of the sequential attribution of
/// energy/token (from sim's compare.json).
std::string compare_html(const nlohmann::json& attribution);

}  // namespace pjsim::reports
