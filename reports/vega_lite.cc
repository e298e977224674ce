#include "reports/vega_lite.h"

#include <algorithm>

namespace pjsim::reports {

nlohmann::json vl_chart(const nlohmann::json& values, int width, int height) {
  return {{"$schema", "https://vega.github.io/schema/vega-lite/v6.json"},
          {"width", width},
          {"height", height},
          {"data", {{"values", values}}},
          {"config",
           {{"font", "system-ui, sans-serif"},
            {"axis", {{"labelFontSize", 11}, {"titleFontSize", 12}, {"labelOverlap", true}, {"labelLimit", 160}}},
            {"legend", {{"labelFontSize", 11}, {"titleFontSize", 12}, {"labelLimit", 260}}},
            {"range", {{"category", {{"scheme", "tableau20"}}}}}}}};
}

nlohmann::json vl_scale_for(const std::vector<double>& values, bool zero) {
  double lo = 0, hi = 0;
  bool positive = !values.empty();
  for (double v : values) {
    if (!(v > 0)) positive = false;
    if (v > 0) {
      lo = lo == 0 ? v : std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  if (positive && hi >= 100 * lo) return {{"type", "log"}};
  return {{"type", "linear"}, {"zero", zero}};
}

nlohmann::json vl_quantity(const std::string& field, const std::string& title, const nlohmann::json& scale,
                           const std::string& format) {
  return {{"field", field}, {"type", "quantitative"}, {"title", title}, {"scale", scale}, {"axis", {{"format", format}}}};
}

nlohmann::json vl_category(const std::string& field, const std::string& title, const std::vector<std::string>& order) {
  nlohmann::json c = {{"field", field}, {"type", "nominal"}, {"title", title}, {"scale", {{"scheme", "tableau20"}}}};
  if (!order.empty()) {
    c["sort"] = order;
    c["scale"]["domain"] = order;
  }
  return c;
}

nlohmann::json vl_tooltip(const std::vector<std::pair<std::string, std::string>>& fields) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [field, title] : fields) {
    nlohmann::json f = {{"field", field}, {"title", title}};
    if (!title.empty() && title.back() == ')') {
      f["type"] = "quantitative";
      f["format"] = ".4~g";
    }
    list.push_back(f);
  }
  return list;
}

void vl_toggle_legend(nlohmann::json& layer, const std::string& field) {
  const std::string param = "pick";
  layer["params"] = nlohmann::json::array(
      {{{"name", param}, {"select", {{"type", "point"}, {"fields", {field}}}}, {"bind", "legend"}}});
  layer["encoding"]["opacity"] = {{"condition", {{"param", param}, {"value", 1}}}, {"value", 0.12}};
}

}  // namespace pjsim::reports
