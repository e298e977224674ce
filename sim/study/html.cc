#include "sim/study/html.h"

#include <iostream>

#include "reports/atomic_file.h"
#include "reports/html_report.h"
#include "reports/roofline.h"

namespace pjsim::sim {

namespace {

std::string short_key(const std::string& key) {
  const auto dot = key.rfind('.');
  return dot == std::string::npos ? key : key.substr(dot + 1);
}

std::string write_page(const std::filesystem::path& out, const std::string& html) {
  try {
    reports::write_file_atomically(out / "report.html", html);
    return (out / "report.html").string();
  } catch (const std::exception& e) {
    std::cerr << "warning: " << e.what() << "\n";
    return "";
  }
}

}  // namespace

std::string write_study_html(const std::filesystem::path& out, const StudySpec& study, const std::vector<PointResult>& rows) {
  std::vector<reports::StudyRow> table;
  for (const auto& r : rows) {
    reports::StudyRow row{r.id, "", "", r.status, r.metrics, 0};
    for (const auto& o : r.varied) {
      const std::string item = short_key(o.key) + "=" + o.value;
      row.label += (row.label.empty() ? "" : " ") + item;
      if (o.key != "workload.batch") row.group += (row.group.empty() ? "" : " ") + item;
    }
    if (r.status == "ok") row.critical_batch = reports::roofline_of(r.config).critical_batch;
    table.push_back(row);
  }
  return write_page(out, reports::study_html("pjsim study: " + study.name, study.description, table));
}

std::string write_compare_html(const std::filesystem::path& out, const nlohmann::json& attribution,
                               const std::vector<PointResult>&) {
  return write_page(out, reports::compare_html(attribution));
}

}  // namespace pjsim::sim
