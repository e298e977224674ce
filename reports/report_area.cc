#include "reports/report_area.h"

#include <string>

namespace pjsim::reports {

nlohmann::json area_section(const RunResult& r, const nlohmann::json& report) {
  nlohmann::json lines = nlohmann::json::array();
  nlohmann::json by_component = nlohmann::json::object();
  const double chips = static_cast<double>(r.chips);
  double per_chip = 0;
  for (const models::AreaLine& l : r.area) {
    lines.push_back({{"component", l.component}, {"units", l.units}, {"unit", l.unit}, {"mm2_each", l.mm2_each},
                     {"mm2", l.mm2()}, {"source", l.source}});
    const std::string group = l.component.rfind("pe.", 0) == 0 ? "pe" : l.component;
    by_component[group] = by_component.value(group, 0.0) + l.mm2() * chips;
    per_chip += l.mm2();
  }
  const double total = per_chip * chips;
  const auto& metrics = report.at("metrics");
  const double tokens_per_s = metrics.at("tokens_per_second").get<double>();
  return {{"lines", lines},
          {"by_component_mm2", by_component},
          {"per_chip_mm2", per_chip},
          {"total_mm2", total},
          {"tokens_per_s_per_mm2", total > 0 ? tokens_per_s / total : 0.0},
          {"joules_per_token", metrics.at("energy_per_token_joules").get<double>()}};
}

}  // namespace pjsim::reports
