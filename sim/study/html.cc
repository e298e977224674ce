#include "sim/study/html.h"

#include <iostream>

#include "reports/atomic_file.h"
#include "reports/html_report.h"
#include "reports/roofline.h"

namespace pjsim::sim {

namespace {

namespace fs = std::filesystem;

std::string short_key(const std::string& key) {
  const auto dot = key.rfind('.');
  return dot == std::string::npos ? key : key.substr(dot + 1);
}

std::string write_page(const fs::path& out, const std::string& html) {
  try {
    reports::write_file_atomically(out / "report.html", html);
    return (out / "report.html").string();
  } catch (const std::exception& e) {
    std::cerr << "warning: " << e.what() << "\n";
    return "";
  }
}

// The point's page when it has one (--html), else its report.md; relative to the study page.
std::string page_of(const fs::path& out, const PointResult& r) {
  if (r.status != "ok") return "";
  std::error_code ec;
  const fs::path dir = fs::path("points") / r.id;
  if (r.metrics.serve) return (dir / "serve.html").string();  // pjsim serve always writes it
  if (fs::exists(out / dir / "report.html", ec)) return (dir / "report.html").string();
  return (dir / "report.md").string();
}

std::vector<reports::PageFact> study_facts(const StudySpec& study) {
  std::vector<reports::PageFact> facts = {{"study", study.name}, {"file", study.file}, {"base", study.base.empty() ? "the default point" : study.base}};
  for (const auto& o : study.base_set) facts.push_back({"set " + o.key, o.value});
  for (const auto& axis : study.axes) {
    std::string values;
    for (const auto& v : axis.values) values += (values.empty() ? "" : ", ") + v;
    facts.push_back({"axis " + axis.key, values});
  }
  for (const auto& zip : study.zips)
    for (const auto& axis : zip) facts.push_back({"zip " + axis.key, std::to_string(axis.values.size()) + " values"});
  if (study.skip_invalid) facts.push_back({"skip_invalid", "true"});
  return facts;
}

}  // namespace

std::string write_study_html(const fs::path& out, const StudySpec& study, const std::vector<PointResult>& rows) {
  reports::StudyPage page{"pjsim study: " + study.name, study.description, study_facts(study), {}};
  for (const auto& r : rows) {
    reports::StudyRow row;
    row.id = r.id;
    row.status = r.status;
    row.error = r.error;
    row.metrics = r.metrics;
    row.page = page_of(out, r);
    for (const auto& o : r.varied) {
      const std::string item = short_key(o.key) + "=" + o.value;
      row.label += (row.label.empty() ? "" : " ") + item;
      row.settings.emplace_back(short_key(o.key), o.value);
      if (o.key != "workload.batch") row.group += (row.group.empty() ? "" : " ") + item;
    }
    if (r.status == "ok" && !r.metrics.serve) row.critical_batch = reports::roofline_of(r.config, r.metrics.context.chips).critical_batch;
    page.rows.push_back(row);
  }
  return write_page(out, reports::study_html(page));
}

std::string write_compare_html(const fs::path& out, const nlohmann::json& attribution, const std::vector<PointResult>&) {
  return write_page(out, reports::compare_html(attribution));
}

}  // namespace pjsim::sim
