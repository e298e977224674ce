// Building blocks of the Vega-Lite specs of pjsim's pages (reports/html_page.h draws them).
//
// Example: a log-log scatter of two fields, coloured by a third, legend toggling the series:
//   nlohmann::json spec = vl_chart(rows, 640, 360);       // rows: [{"x": 1, "y": 10, "k": "a"}, ...]
//   spec["mark"] = {{"type", "point"}, {"filled", true}, {"size", 70}};
//   spec["encoding"] = {{"x", vl_quantity("x", "tokens/s", vl_scale_for({1, 1000}))},  // log: 3 decades
//                       {"y", vl_quantity("y", "J per token", vl_scale_for({0.1, 0.3}))},  // linear
//                       {"color", vl_category("k", "weights")},
//                       {"tooltip", vl_tooltip({{"k", "weights"}, {"x", "tokens/s"}})}};
//   vl_toggle_legend(spec, "k");   // click a legend entry: only that series; shift-click: more
// Colours come from "tableau20" (20 distinct hues); a chart with more series adds shapes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace pjsim::reports {

/// A spec holding `values` as inline data, `width` x `height` pixels, and pjsim's chart config.
nlohmann::json vl_chart(const nlohmann::json& values, int width, int height);
/// A log scale when every value is > 0 and they span at least two decades (max >= 100 x min),
/// else a linear one (from zero when `zero`).
nlohmann::json vl_scale_for(const std::vector<double>& values, bool zero = false);
/// A quantitative encoding: field, axis title, scale, number format (d3-format, default "~g").
nlohmann::json vl_quantity(const std::string& field, const std::string& title, const nlohmann::json& scale,
                           const std::string& format = "~g");
/// A nominal encoding with the "tableau20" scheme; `order` fixes the order of the categories.
nlohmann::json vl_category(const std::string& field, const std::string& title,
                           const std::vector<std::string>& order = {});
/// Tooltip fields: {field, title}; a title ending in a unit in brackets is formatted as a number.
nlohmann::json vl_tooltip(const std::vector<std::pair<std::string, std::string>>& fields);
/// Legend toggling on `field` for the spec (or layer) whose encoding has a colour: a click on a
/// legend entry keeps that series opaque and fades the others; shift-click adds series.
void vl_toggle_legend(nlohmann::json& layer, const std::string& field);

}  // namespace pjsim::reports
