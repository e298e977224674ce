// The page of a comparison (reports/html_report.h), from sim's compare.json.
#include <algorithm>

#include <fmt/format.h>

#include "reports/html_report.h"
#include "reports/vega_lite.h"

namespace pjsim::reports {

namespace {

double number(const nlohmann::json& j, const std::string& key) {
  return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<double>() : 0.0;
}

std::string delta_text(double value, double base) {
  return base != 0 ? fmt::format("{:.4g} ({:+.2f} %)", value, 100 * (value - base) / base) : fmt::format("{:.4g}", value);
}

// Each feature's step, from the baseline to the candidate, in mJ per token.
PageChart waterfall(const nlohmann::json& base, const nlohmann::json& cand, const std::string& name) {
  nlohmann::json values = nlohmann::json::array();
  std::vector<std::string> order = {"baseline"};
  const double start = number(base, "energy_pj_per_token") * 1e-9;
  values.push_back({{"step", "baseline"}, {"from", 0}, {"to", start}, {"delta", start}, {"kind", "level"}});
  double level = start;
  for (const auto& f : cand["features"]) {
    if (!f["sequential"].is_object()) continue;  // its point did not run: in "not attributed" below
    const std::string step = f.value("name", "feature");
    const double d = number(f["sequential"], "energy_pj_per_token") * 1e-9;
    values.push_back({{"step", step}, {"from", level}, {"to", level + d}, {"delta", d}, {"kind", d < 0 ? "saves" : "costs"}});
    order.push_back(step);
    level += d;
  }
  if (cand.contains("unattributed")) {
    const double d = number(cand["metrics"], "energy_pj_per_token") * 1e-9 - level;
    values.push_back({{"step", "not attributed"}, {"from", level}, {"to", level + d}, {"delta", d}, {"kind", "not attributed"}});
    order.push_back("not attributed");
    level += d;
  }
  const std::string last = cand.value("name", "candidate");
  values.push_back({{"step", last}, {"from", 0}, {"to", level}, {"delta", level}, {"kind", "level"}});
  order.push_back(last);
  nlohmann::json spec = vl_chart(values, std::max(300, 90 * static_cast<int>(order.size())), 320);
  spec["name"] = "bars";
  spec["mark"] = {{"type", "bar"}, {"tooltip", true}};
  spec["encoding"] = {{"x", {{"field", "step"}, {"type", "nominal"}, {"sort", order}, {"title", nullptr}, {"axis", {{"labelAngle", -20}}}}},
                      {"y", vl_quantity("from", "mJ per token", {{"type", "linear"}, {"zero", true}})},
                      {"y2", {{"field", "to"}}},
                      {"color", {{"field", "kind"}, {"type", "nominal"}, {"title", nullptr},
                                 {"scale", {{"domain", {"level", "saves", "costs", "not attributed"}},
                                            {"range", {"#4c78a8", "#2ca02c", "#d62728", "#9e9e9e"}}}}}},
                      {"tooltip", vl_tooltip({{"step", "step"}, {"delta", "change (mJ/token)"}, {"to", "after (mJ/token)"}})}};
  return {name, "waterfall: each feature applied in order to the baseline (green saves, red costs)", spec};
}

}  // namespace

std::string compare_html(const nlohmann::json& a) {
  Page page{"pjsim compare: " + a.value("study", ""), "Baseline against candidates, each delta attributed to the features that differ.",
            {{"study", a.value("study", "")}, {"candidates", std::to_string(a.contains("candidates") ? a["candidates"].size() : 0)}}, {}};
  if (!a.contains("baseline") || !a["baseline"].contains("metrics")) {
    page.sections.push_back({"Baseline", "The baseline did not run: nothing to compare.", {}, {}});
    return render_page(page);
  }
  const auto& base = a["baseline"]["metrics"];
  PageTable side{"Each candidate's value, with its change from the baseline.", {"metric", "baseline"}, {}, false};
  for (const auto& c : a["candidates"]) side.header.push_back(c.value("name", ""));
  for (const auto& m : a["metrics"]) {
    const std::string name = m.get<std::string>();
    const double b = number(base, name);
    std::vector<Cell> row = {name, number_cell(b, fmt::format("{:.4g}", b))};
    for (const auto& c : a["candidates"])
      row.push_back(c.contains("metrics") ? number_cell(number(c["metrics"], name), delta_text(number(c["metrics"], name), b)) : Cell("-"));
    side.rows.push_back(row);
  }
  page.sections.push_back({"Side by side", "", {}, {side}});
  int index = 0;
  for (const auto& c : a["candidates"]) {
    ++index;
    PageSection s{c.value("name", "") + ": attribution of energy per token", "", {}, {}};
    if (c.contains("error")) {
      s.text = c["error"].get<std::string>();
      page.sections.push_back(s);
      continue;
    }
    s.charts.push_back(waterfall(base, c, "waterfall-" + std::to_string(index)));
    PageTable t{"sequential: applied in order, they sum to the total; alone: each on the baseline by itself.",
                {"feature", "sequential (pJ/token)", "alone (pJ/token)"}, {}, false};
    // A contribution whose point did not run is null in compare.json: "-" here, and the feature says why.
    const auto cell = [](const nlohmann::json& part) {
      if (!part.is_object()) return Cell("-");
      const double v = number(part, "energy_pj_per_token");
      return number_cell(v, fmt::format("{:+.4g}", v));
    };
    for (const auto& f : c["features"]) {
      t.rows.push_back({f.value("name", ""), cell(f["sequential"]), cell(f["alone"])});
      if (f.contains("error")) s.text += f.value("name", "") + ": " + f["error"].get<std::string>() + ". ";
    }
    if (c.contains("interaction")) {
      const double interaction = number(c["interaction"], "energy_pj_per_token");
      t.rows.push_back({"interaction (total - sum alone)", "", number_cell(interaction, fmt::format("{:+.4g}", interaction))});
    }
    s.tables.push_back(t);
    page.sections.push_back(s);
  }
  return render_page(page);
}

}  // namespace pjsim::reports
