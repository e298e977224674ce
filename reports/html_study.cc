// The page of a study (reports/html_report.h).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "reports/html_report.h"
#include "reports/si_format.h"
#include "reports/vega_lite.h"

namespace pjsim::reports {

namespace {

std::vector<const StudyRow*> ok_rows(const std::vector<StudyRow>& rows) {
  std::vector<const StudyRow*> out;
  for (const auto& r : rows)
    if (r.status == "ok") out.push_back(&r);
  return out;
}

// Pareto frontier of (latency per token, J per token), both lower is better: sorted by latency,
// a point is on the frontier when no faster-or-equal point spends less energy.
std::set<std::string> frontier(std::vector<const StudyRow*> rows) {
  std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) {
    const double la = a->metrics.latency_per_token_s(), lb = b->metrics.latency_per_token_s();
    return la != lb ? la < lb : a->metrics.energy_per_token_joules < b->metrics.energy_per_token_joules;
  });
  std::set<std::string> out;
  double best = 0;
  for (const auto* r : rows)
    if (out.empty() || r->metrics.energy_per_token_joules < best) {
      out.insert(r->id);
      best = r->metrics.energy_per_token_joules;
    }
  return out;
}

std::vector<std::string> swept_keys(const std::vector<StudyRow>& rows) {
  std::vector<std::string> keys;
  for (const auto& r : rows)
    for (const auto& [k, v] : r.settings)
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  return keys;
}

nlohmann::json point_values(const std::vector<const StudyRow*>& rows, const std::set<std::string>& front) {
  nlohmann::json values = nlohmann::json::array();
  for (const auto* r : rows) {
    const auto& m = r->metrics;
    nlohmann::json v = {{"id", r->id}, {"label", r->label.empty() ? r->id : r->label}, {"group", r->group.empty() ? "all" : r->group},
                        {"j_per_token", m.energy_per_token_joules}, {"latency", m.latency_per_token_s()},
                        {"tokens_per_s", m.tokens_per_second}, {"watts", m.avg_power_watts}, {"mfu", m.mfu},
                        {"batch", m.batch}, {"frontier", front.count(r->id) > 0}};
    for (const auto& [k, value] : r->settings) v["s_" + k] = value;
    values.push_back(v);
  }
  return values;
}

std::vector<double> field_values(const nlohmann::json& values, const std::string& field) {
  std::vector<double> out;
  for (const auto& v : values) out.push_back(v[field].get<double>());
  return out;
}

nlohmann::json point_tooltip() {
  nlohmann::json t = vl_tooltip({{"id", "point"}, {"label", "settings"}, {"j_per_token", "J per token ()"},
                                 {"latency", "latency per token (s)"}, {"tokens_per_s", "tokens/s ()"}, {"watts", "average power (W)"}});
  t.push_back({{"field", "mfu"}, {"title", "MFU"}, {"type", "quantitative"}, {"format", ".2%"}});
  return t;
}

// The colour of the frontier's points: the value of the setting the menu picks, in the order the
// study varies it (batch 1, 4, 16 rather than the text order 1, 16, 4).
nlohmann::json setting_colour(const nlohmann::json& values, const std::vector<std::string>& keys) {
  std::vector<std::string> order;
  for (const auto& key : keys)
    for (const auto& v : values)
      if (v.contains("s_" + key)) {
        const std::string text = v["s_" + key].get<std::string>();
        if (std::find(order.begin(), order.end(), text) == order.end()) order.push_back(text);
      }
  nlohmann::json colour = vl_category("setting", "setting (menu below)");
  colour["sort"] = order;
  return colour;
}

PageChart frontier_chart(const nlohmann::json& values, const std::vector<std::string>& keys) {
  nlohmann::json spec = vl_chart(values, 720, 420);
  const nlohmann::json x = vl_quantity("latency", "latency per token (s): TPOT for decode, the step for prefill",
                                       vl_scale_for(field_values(values, "latency")), "~s");
  const nlohmann::json y = vl_quantity("j_per_token", "J per token", vl_scale_for(field_values(values, "j_per_token")), "~s");
  const std::string first = keys.empty() ? "" : keys.front();
  spec["params"] = {{{"name", "colour_by"}, {"value", first}, {"bind", {{"input", "select"}, {"options", keys}, {"name", "colour by "}}}}};
  spec["transform"] = nlohmann::json::array({{{"calculate", keys.empty() ? "'all'" : "datum['s_' + colour_by]"}, {"as", "setting"}}});
  nlohmann::json points = {{"name", "points"},
                           {"mark", {{"type", "point"}, {"filled", true}, {"size", 80}, {"tooltip", true}}},
                           {"encoding", {{"x", x}, {"y", y}, {"color", setting_colour(values, keys)},
                                         {"shape", {{"field", "frontier"}, {"type", "nominal"}, {"title", "on the frontier"}}},
                                         {"tooltip", point_tooltip()}}}};
  vl_toggle_legend(points, "setting");
  nlohmann::json line = {{"transform", {{{"filter", "datum.frontier"}}}},
                         {"mark", {{"type", "line"}, {"color", "#d62728"}, {"strokeWidth", 2}}},
                         {"encoding", {{"x", x}, {"y", y}, {"order", {{"field", "latency"}, {"type", "quantitative"}}}}}};
  spec["layer"] = {line, points};
  return {"frontier", "every point; the red line joins the Pareto frontier (no other point is both faster and cheaper per token). "
                      "Hover for a point's settings and figures; click the legend to show one value; the menu picks the setting "
                      "that colours the points.", spec};
}

PageChart tiers_chart(const std::vector<const StudyRow*>& rows) {
  nlohmann::json values = nlohmann::json::array();
  std::vector<std::string> order;
  for (const auto* r : rows) {
    order.push_back(r->id);
    for (const auto& [tier, pj] : r->metrics.tier_pj_per_token)
      values.push_back({{"id", r->id}, {"label", r->label}, {"tier", tier}, {"mj", pj * 1e-9}});
  }
  nlohmann::json spec = vl_chart(values, std::max(400, std::min(1000, 14 * static_cast<int>(rows.size()))), 300);
  spec["name"] = "bars";
  spec["mark"] = {{"type", "bar"}, {"tooltip", true}};
  spec["encoding"] = {{"x", {{"field", "id"}, {"type", "nominal"}, {"sort", order}, {"title", "point"}, {"axis", {{"labelAngle", -90}}}}},
                      {"y", {{"field", "mj"}, {"type", "quantitative"}, {"stack", "normalize"}, {"title", "share of the energy per token"},
                             {"axis", {{"format", ".0%"}}}}},
                      {"color", vl_category("tier", "tier", tier_names())},
                      {"order", {{"field", "tier"}}},
                      {"tooltip", vl_tooltip({{"id", "point"}, {"label", "settings"}, {"tier", "tier"}, {"mj", "mJ per token ()"}})}};
  vl_toggle_legend(spec, "tier");
  return {"tiers", "each point's energy per token split by tier, as shares (the frontier chart shows the totals); hover for mJ per token",
          spec};
}

std::optional<PageChart> batch_chart(const std::vector<const StudyRow*>& rows, const nlohmann::json& values) {
  std::set<std::string> groups;
  std::map<double, std::string> criticals;  // batch -> groups whose critical batch it is
  std::vector<double> xs;
  for (const auto* r : rows) {
    if (r->metrics.batch <= 0) continue;
    groups.insert(r->group.empty() ? "all" : r->group);
    xs.push_back(r->metrics.batch);
    if (r->critical_batch > 0) criticals[std::round(r->critical_batch)] = r->metrics.context.weights;
  }
  std::set<double> batches(xs.begin(), xs.end());
  if (batches.size() < 2) return std::nullopt;
  nlohmann::json crit = nlohmann::json::array();
  for (const auto& [b, weights] : criticals) {
    crit.push_back({{"batch", b}, {"label", fmt::format("critical batch {:.0f} ({} weights)", b, weights)}});
    xs.push_back(b);
  }
  const double lo = *std::min_element(xs.begin(), xs.end()) / 1.5, hi = *std::max_element(xs.begin(), xs.end()) * 1.5;
  nlohmann::json xscale = vl_scale_for(xs);
  xscale["domain"] = {lo, hi};
  const nlohmann::json x = vl_quantity("batch", "batch", xscale);
  nlohmann::json spec = vl_chart(values, 720, 380);
  nlohmann::json lines = {{"name", "points"},
                          {"mark", {{"type", "line"}, {"point", true}, {"tooltip", true}}},
                          {"encoding", {{"x", x}, {"y", vl_quantity("j_per_token", "J per token", vl_scale_for(field_values(values, "j_per_token")), "~s")},
                                        {"color", vl_category("group", "other settings")}, {"tooltip", point_tooltip()}}}};
  if (groups.size() > 10) lines["encoding"]["strokeDash"] = {{"field", "group"}, {"type", "nominal"}, {"legend", nullptr}};
  vl_toggle_legend(lines, "group");
  nlohmann::json rules = {{"data", {{"values", crit}}},
                          {"mark", {{"type", "rule"}, {"strokeDash", {6, 4}}, {"color", "#d62728"}, {"strokeWidth", 2}, {"tooltip", true}}},
                          {"encoding", {{"x", {{"field", "batch"}, {"type", "quantitative"}}}, {"tooltip", {{"field", "label"}}}}}};
  nlohmann::json labels = {{"data", {{"values", crit}}},
                           {"mark", {{"type", "text"}, {"angle", 270}, {"align", "right"}, {"baseline", "bottom"}, {"dx", -4}, {"dy", -3},
                                     {"color", "#d62728"}, {"fontSize", 10}}},
                           {"encoding", {{"x", {{"field", "batch"}, {"type", "quantitative"}}}, {"y", {{"value", 0}}}, {"text", {{"field", "label"}}}}}};
  spec["layer"] = {rules, labels, lines};
  return PageChart{"batch", "J per token against batch, one line per combination of the other settings (click the legend to show one); "
                            "dashed: the critical batch = peak MAC/s / (HBM bytes/s / bytes per weight), where a weight-streaming "
                            "step turns compute bound", spec};
}

std::string number_text(double v, const std::string& unit) { return si_format(v, unit); }

PageTable points_table(const std::vector<StudyRow>& rows, const std::vector<std::string>& keys, const std::set<std::string>& front) {
  PageTable t{"Click a header to sort. Each point links to its report (its page when the sweep ran with --html).", {"point"}, {}, true};
  for (const auto& k : keys) t.header.push_back(k);
  for (const char* h : {"J/token", "latency/token", "tokens/s", "power", "MFU", "pJ moved/MAC", "frontier"}) t.header.push_back(h);
  for (const auto& r : rows) {
    if (r.status != "ok") continue;
    std::vector<Cell> row = {r.page.empty() ? Cell(r.id) : link_cell(r.id, r.page)};
    for (const auto& k : keys) {
      std::string value;
      for (const auto& [key, v] : r.settings)
        if (key == k) value = v;
      row.push_back(value);
    }
    const auto& m = r.metrics;
    row.push_back(number_cell(m.energy_per_token_joules, number_text(m.energy_per_token_joules, "J")));
    row.push_back(number_cell(m.latency_per_token_s(), number_text(m.latency_per_token_s(), "s")));
    row.push_back(number_cell(m.tokens_per_second, number_text(m.tokens_per_second, "tok/s")));
    row.push_back(number_cell(m.avg_power_watts, number_text(m.avg_power_watts, "W")));
    row.push_back(number_cell(m.mfu, fmt::format("{:.2f} %", 100 * m.mfu)));
    row.push_back(number_cell(m.movement_pj_per_mac, fmt::format("{:.3g}", m.movement_pj_per_mac)));
    row.push_back(front.count(r.id) ? "yes" : "");
    t.rows.push_back(row);
  }
  return t;
}

}  // namespace

std::string study_html(const StudyPage& study) {
  const auto ok = ok_rows(study.rows);
  const auto keys = swept_keys(study.rows);
  const auto front = frontier(ok);
  std::size_t skipped = 0;
  for (const auto& r : study.rows) skipped += r.status == "skipped";
  const std::size_t failed = study.rows.size() - ok.size() - skipped;

  Page page{study.title, study.description, study.facts, {}};
  page.facts.push_back({"points", fmt::format("{} ({} ok, {} failed, {} skipped)", study.rows.size(), ok.size(), failed, skipped)});
  const nlohmann::json values = point_values(ok, front);
  if (auto served = serve_study_sections(study.rows, keys); !served.empty()) {
    page.sections = served;
    if (!ok.empty()) page.sections.push_back({"Energy by tier", "", {tiers_chart(ok)}, {}});
  } else {
    PageSection overview{"Energy per token against latency per token", "", {}, {}};
    if (!ok.empty()) {
      overview.charts.push_back(frontier_chart(values, keys));
      overview.charts.push_back(tiers_chart(ok));
      if (auto chart = batch_chart(ok, values)) overview.charts.push_back(*chart);
    } else {
      overview.text = "No point ran: nothing to plot.";
    }
    page.sections.push_back(overview);
    page.sections.push_back({"Points", "", {}, {points_table(study.rows, keys, front)}});
  }

  PageTable not_run{"", {"point", "settings", "status", "reason"}, {}, true};
  for (const auto& r : study.rows)
    if (r.status != "ok") not_run.rows.push_back({r.id, r.label, r.status, r.error});
  if (!not_run.rows.empty())
    page.sections.push_back({"Points not run", fmt::format("{} skipped (invalid, dropped by skip_invalid) and {} failed, each with its reason.",
                                                            skipped, failed), {}, {not_run}});
  return render_page(page);
}

}  // namespace pjsim::reports
