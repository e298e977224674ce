// The serving part of a study page (reports/html_report.h serve_study_sections): the frontier of
// TPOT (p50 and p99) against J per output token and the table of serving figures.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "reports/html_report.h"
#include "reports/si_format.h"
#include "reports/vega_lite.h"

namespace pjsim::reports {

namespace {

struct Mark {
  const StudyRow* row;
  std::string percentile;  ///< "p50" or "p99"
  double tpot_ms;
};

// Pareto frontier of (TPOT, J per output token) among the marks of one percentile, both lower is
// better: sorted by TPOT, a mark is on it when no faster-or-equal mark spends less per token.
std::set<std::string> frontier(std::vector<Mark> marks) {
  const auto j = [](const Mark& m) { return m.row->metrics.serve->energy_per_output_token_joules; };
  std::sort(marks.begin(), marks.end(), [&](const Mark& a, const Mark& b) { return a.tpot_ms != b.tpot_ms ? a.tpot_ms < b.tpot_ms : j(a) < j(b); });
  std::set<std::string> out;
  double best = 0;
  for (const Mark& m : marks)
    if (out.empty() || j(m) < best) {
      out.insert(m.row->id);
      best = j(m);
    }
  return out;
}

std::vector<Mark> marks_of(const std::vector<const StudyRow*>& rows, const std::string& percentile) {
  std::vector<Mark> out;
  for (const auto* r : rows) out.push_back({r, percentile, percentile == "p50" ? r->metrics.serve->median_tpot_ms : r->metrics.serve->p99_tpot_ms});
  return out;
}

PageChart serve_frontier(const nlohmann::json& values) {
  std::vector<double> xs, ys;
  for (const auto& v : values) {
    xs.push_back(v["tpot_ms"].get<double>());
    ys.push_back(v["j_per_output_token"].get<double>());
  }
  const nlohmann::json x = vl_quantity("tpot_ms", "TPOT (ms): p50 and p99 of each point", vl_scale_for(xs));
  const nlohmann::json y = vl_quantity("j_per_output_token", "J per output token", vl_scale_for(ys), "~s");
  nlohmann::json spec = vl_chart(values, 720, 420);
  nlohmann::json points = {{"name", "points"},
                           {"mark", {{"type", "point"}, {"size", 80}, {"tooltip", true}}},
                           {"encoding", {{"x", x}, {"y", y}, {"color", vl_category("percentile", "TPOT percentile", {"p50", "p99"})},
                                         {"shape", {{"field", "percentile"}, {"type", "nominal"}, {"legend", nullptr}}},
                                         {"fill", {{"condition", {{"test", "datum.frontier"}, {"field", "percentile"}, {"type", "nominal"}}},
                                                   {"value", "transparent"}}},
                                         {"tooltip", vl_tooltip({{"id", "point"}, {"label", "settings"}, {"percentile", "TPOT percentile"},
                                                                 {"tpot_ms", "TPOT (ms)"}, {"j_per_output_token", "J per output token ()"},
                                                                 {"output_tokens_per_s", "output tokens/s ()"},
                                                                 {"p99_ttft_ms", "p99 TTFT (ms)"}, {"goodput", "goodput (req/s)"}})}}}};
  vl_toggle_legend(points, "percentile");
  nlohmann::json line = {{"transform", {{{"filter", "datum.frontier"}}}},
                         {"mark", {{"type", "line"}, {"strokeWidth", 2}}},
                         {"encoding", {{"x", x}, {"y", y}, {"color", {{"field", "percentile"}, {"type", "nominal"}, {"legend", nullptr}}},
                                       {"order", {{"field", "tpot_ms"}, {"type", "quantitative"}}}}}};
  spec["layer"] = {line, points};
  return {"serve-frontier", "one mark per point and percentile: its median (p50) and p99 time per output token against its joules "
                            "per output token (idle included). Filled marks joined by a line are the Pareto frontier of that "
                            "percentile (no other point is both faster and cheaper per output token); hollow marks are dominated.",
          spec};
}

PageTable serve_table(const std::vector<const StudyRow*>& rows, const std::vector<std::string>& keys, const std::set<std::string>& p50,
                      const std::set<std::string>& p99) {
  PageTable t{"Served points (serve.json metrics). Click a header to sort; each point links to its serve.html.", {"point"}, {}, true};
  for (const auto& k : keys) t.header.push_back(k);
  for (const char* h : {"J/out token", "out tok/s", "TTFT p50", "TTFT p99", "TPOT p50", "TPOT p99", "goodput req/s", "power", "frontier"})
    t.header.push_back(h);
  for (const auto* r : rows) {
    const ServeFigures& s = *r->metrics.serve;
    std::vector<Cell> row = {r->page.empty() ? Cell(r->id) : link_cell(r->id, r->page)};
    for (const auto& k : keys) {
      std::string value;
      for (const auto& [key, v] : r->settings)
        if (key == k) value = v;
      row.push_back(value);
    }
    row.push_back(number_cell(s.energy_per_output_token_joules, si_format(s.energy_per_output_token_joules, "J")));
    row.push_back(number_cell(s.output_tokens_per_second, si_format(s.output_tokens_per_second, "tok/s")));
    for (double ms : {s.median_ttft_ms, s.p99_ttft_ms, s.median_tpot_ms, s.p99_tpot_ms}) row.push_back(number_cell(ms, si_format(ms * 1e-3, "s")));
    row.push_back(number_cell(s.goodput_requests_per_second, fmt::format("{:.3g}", s.goodput_requests_per_second)));
    row.push_back(number_cell(r->metrics.avg_power_watts, si_format(r->metrics.avg_power_watts, "W")));
    const std::string front = std::string(p50.count(r->id) ? "p50" : "") + (p50.count(r->id) && p99.count(r->id) ? " " : "") +
                              (p99.count(r->id) ? "p99" : "");
    row.push_back(front);
    t.rows.push_back(row);
  }
  return t;
}

}  // namespace

std::vector<PageSection> serve_study_sections(const std::vector<StudyRow>& rows, const std::vector<std::string>& keys) {
  std::vector<const StudyRow*> served;
  for (const auto& r : rows)
    if (r.status == "ok" && r.metrics.serve) served.push_back(&r);
  if (served.empty()) return {};
  const auto p50 = frontier(marks_of(served, "p50")), p99 = frontier(marks_of(served, "p99"));
  nlohmann::json values = nlohmann::json::array();
  for (const auto& [percentile, front] : {std::pair{"p50", &p50}, {"p99", &p99}})
    for (const Mark& m : marks_of(served, percentile)) {
      const ServeFigures& s = *m.row->metrics.serve;
      values.push_back({{"id", m.row->id}, {"label", m.row->label.empty() ? m.row->id : m.row->label}, {"percentile", percentile},
                        {"tpot_ms", m.tpot_ms}, {"j_per_output_token", s.energy_per_output_token_joules},
                        {"output_tokens_per_s", s.output_tokens_per_second}, {"p99_ttft_ms", s.p99_ttft_ms},
                        {"goodput", s.goodput_requests_per_second}, {"frontier", front->count(m.row->id) > 0}});
    }
  return {{"Serving: J per output token against TPOT", "", {serve_frontier(values)}, {}},
          {"Served points", "", {}, {serve_table(served, keys, p50, p99)}}};
}

}  // namespace pjsim::reports
