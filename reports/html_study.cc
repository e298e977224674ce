#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "reports/html_page.h"
#include "reports/html_report.h"
#include "reports/plot_gnuplot.h"

namespace pjsim::reports {

namespace {

std::vector<const StudyRow*> ok_rows(const std::vector<StudyRow>& rows) {
  std::vector<const StudyRow*> out;
  for (const auto& r : rows)
    if (r.status == "ok") out.push_back(&r);
  return out;
}

// Pareto frontier: no other point has at least the tokens/s at no more energy per token.
std::vector<const StudyRow*> frontier(std::vector<const StudyRow*> rows) {
  std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) {
    return a->metrics.tokens_per_second != b->metrics.tokens_per_second ? a->metrics.tokens_per_second > b->metrics.tokens_per_second
                                                                        : a->metrics.energy_pj_per_token < b->metrics.energy_pj_per_token;
  });
  std::vector<const StudyRow*> out;
  for (const auto* r : rows)
    if (out.empty() || r->metrics.energy_pj_per_token < out.back()->metrics.energy_pj_per_token) out.push_back(r);
  return out;
}

std::optional<std::string> pareto_chart(const std::vector<const StudyRow*>& rows) {
  std::string all, front;
  for (const auto* r : rows)
    all += html_number(r->metrics.tokens_per_second) + " " + html_number(r->metrics.energy_pj_per_token) + " " + gnuplot_datum(r->id) + "\n";
  for (const auto* r : frontier(rows))
    front += html_number(r->metrics.tokens_per_second) + " " + html_number(r->metrics.energy_pj_per_token) + "\n";
  return render_svg("set logscale xy\nset xlabel 'tokens/s'\nset ylabel 'pJ per token'\nset key top right\n"
                    "plot $all using 1:2 with points pt 7 lc rgb '#7f7f7f' title 'points', "
                    "$front using 1:2 with linespoints pt 7 ps 1.4 lw 2 lc rgb '#d62728' title 'Pareto frontier', "
                    "$all using 1:2:3 with labels offset 0.8,0.6 font ',8' notitle",
                    {{"all", all}, {"front", front}});
}

std::optional<std::string> tiers_chart(const std::vector<const StudyRow*>& rows) {
  std::string data = "point";
  for (const auto& t : tier_names()) data += " " + t;
  data += "\n";
  for (const auto* r : rows) {
    data += gnuplot_datum(r->id);
    for (const auto& t : tier_names()) data += " " + html_number(r->metrics.tier_pj_per_token.at(t));
    data += "\n";
  }
  return render_svg("set style data histograms\nset style histogram rowstacked\nset style fill solid 0.8 border -1\n"
                    "set boxwidth 0.7\nset ylabel 'pJ per token'\nset key outside right\nset xtics rotate by -60 font ',8'\n"
                    "set yrange [0:*]\nplot for [i=2:7] $d using i:xtic(1) title columnheader(i)",
                    {{"d", data}}, 900, 420);
}

// One line per group (every setting but the batch); critical batches as vertical dashed lines.
std::optional<std::string> batch_chart(const std::vector<const StudyRow*>& rows) {
  std::map<std::string, std::vector<const StudyRow*>> groups;
  for (const auto* r : rows)
    if (r->metrics.batch > 0) groups[r->group].push_back(r);
  if (groups.empty()) return std::nullopt;
  std::string data, plot = "plot ";
  std::set<std::string> criticals;
  std::size_t index = 0;
  for (auto& [group, members] : groups) {
    std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->metrics.batch < b->metrics.batch; });
    for (const auto* r : members) {
      data += html_number(r->metrics.batch) + " " + html_number(r->metrics.energy_pj_per_token) + "\n";
      if (r->critical_batch > 0) criticals.insert(html_number(r->critical_batch));
    }
    data += "\n\n";
    plot += fmt::format("{}$d index {} using 1:2 with linespoints pt 7 title {}", index ? ", " : "", index,
                        gnuplot_quote(group.empty() ? "all" : group));
    ++index;
  }
  std::string arrows;
  double height = 0.95;
  for (const auto& c : criticals) {
    arrows += "set arrow from " + c + ",graph 0 to " + c + ",graph 1 nohead dt 2 lw 2 lc rgb '#d62728'\n" +
              fmt::format("set label 'critical batch {}' at {},graph {} left offset 0.5,0 font ',9' tc rgb '#d62728'\n", c, c, height);
    height -= 0.05;
  }
  return render_svg("set logscale xy\nset xlabel 'batch'\nset ylabel 'pJ per token'\nset key outside right font ',8'\n" +
                        arrows + plot,
                    {{"d", data}}, 900, 420);
}

std::optional<std::string> waterfall_chart(const nlohmann::json& base, const nlohmann::json& cand) {
  const double start = base["energy_pj_per_token"].get<double>();
  std::string data = fmt::format("0 0 {} {} 0 \"baseline\"\n", start, start);
  double level = start;
  int x = 1;
  for (const auto& f : cand["features"]) {
    const double d = f["sequential"]["energy_pj_per_token"].get<double>();
    data += fmt::format("{} {} {} {} {} {}\n", x++, level, level + d, d, d < 0 ? 1 : 2, gnuplot_datum(f["name"].get<std::string>()));
    level += d;
  }
  data += fmt::format("{} 0 {} {} 0 {}\n", x, level, level, gnuplot_datum(cand["name"].get<std::string>()));
  return render_svg(fmt::format("set xrange [-0.6:{}.6]\n", x) +
                    "set style fill solid 0.8 border -1\nset ylabel 'pJ per token'\nunset key\nset yrange [0:*]\n"
                    "set xtics rotate by -20\nset palette defined (0 '#4a7ab5', 1 '#2ca02c', 2 '#d62728')\nset cbrange [0:2]\nunset colorbox\n"
                    "plot $d using 1:(($2+$3)/2):(0.35):(($3>$2?$3-$2:$2-$3)/2):5:xtic(6) with boxxyerror lc palette",
                    {{"d", data}}, 720, 400);
}

}  // namespace

std::string study_html(const std::string& title, const std::string& description, const std::vector<StudyRow>& rows) {
  const auto ok = ok_rows(rows);
  std::string body = description.empty() ? "" : "<p>" + html_escape(description) + "</p>\n";
  body += fmt::format("<p>{} points, {} ok, {} failed.</p>\n", rows.size(), ok.size(), rows.size() - ok.size());
  body += "<h2>Energy per token vs tokens/s</h2>\n" + html_figure(pareto_chart(ok), "every point; the Pareto frontier in red");
  body += "<h2>Energy by tier</h2>\n" + html_figure(tiers_chart(ok), "energy per token by tier, per point (stacked)");
  body += "<h2>Energy per token vs batch</h2>\n" +
          html_figure(batch_chart(ok), "log-log; dashed: critical batch = peak MAC/s / (HBM bytes/s / bytes per weight)");
  std::vector<std::vector<std::string>> table;
  for (const auto& r : rows) {
    const auto& m = r.metrics;
    table.push_back(r.status == "ok" ? std::vector<std::string>{r.id, r.label, r.status, html_number(m.energy_pj_per_token),
                                                                 html_number(m.tokens_per_second), html_number(m.latency_s),
                                                                 html_number(m.movement_pj_per_mac)}
                                     : std::vector<std::string>{r.id, r.label, r.status, "", "", "", ""});
  }
  body += "<h2>Points</h2>\n" + html_table({"point", "settings", "status", "pJ/token", "tokens/s", "latency (s)", "pJ moved/MAC"}, table);
  return html_page(title, body);
}

std::string compare_html(const nlohmann::json& a) {
  std::string body;
  if (!a["baseline"].contains("metrics")) return html_page("pjsim compare", "<p class=\"note\">The baseline did not run.</p>");
  const auto& base = a["baseline"]["metrics"];
  std::vector<std::string> header = {"metric", "baseline"};
  for (const auto& c : a["candidates"]) header.push_back(c["name"].get<std::string>());
  std::vector<std::vector<std::string>> rows;
  for (const auto& m : a["metrics"]) {
    std::vector<std::string> row = {m.get<std::string>(), html_number(base[m.get<std::string>()].get<double>())};
    for (const auto& c : a["candidates"])
      row.push_back(c.contains("metrics") ? html_number(c["metrics"][m.get<std::string>()].get<double>()) : "-");
    rows.push_back(row);
  }
  body += "<h2>Side by side</h2>\n" + html_table(header, rows);
  for (const auto& c : a["candidates"]) {
    body += "<h2>" + html_escape(c["name"].get<std::string>()) + ": attribution of energy per token</h2>\n";
    if (c.contains("error")) {
      body += "<p class=\"note\">" + html_escape(c["error"].get<std::string>()) + "</p>\n";
      continue;
    }
    body += html_figure(waterfall_chart(base, c), "waterfall: each feature applied in order (green saves, red costs)");
    std::vector<std::vector<std::string>> f_rows;
    for (const auto& f : c["features"])
      f_rows.push_back({f["name"].get<std::string>(), html_number(f["sequential"]["energy_pj_per_token"].get<double>()),
                        html_number(f["alone"]["energy_pj_per_token"].get<double>())});
    f_rows.push_back({"interaction (total - sum alone)", "", html_number(c["interaction"]["energy_pj_per_token"].get<double>())});
    body += html_table({"feature", "sequential (pJ/token)", "alone (pJ/token)"}, f_rows);
  }
  return html_page("pjsim compare: " + a.value("study", ""), body);
}

}  // namespace pjsim::reports
