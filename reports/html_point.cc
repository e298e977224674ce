#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "reports/atomic_file.h"
#include "reports/html_page.h"
#include "reports/html_report.h"
#include "reports/plot_gnuplot.h"
#include "reports/report_access.h"
#include "reports/roofline.h"

namespace pjsim::reports {

namespace {

// The charts of a point's page: specs here, rendered together by point_html (one gnuplot run).
std::optional<Plot> tier_chart(const nlohmann::json& report) {
  std::string header = "point", row = gnuplot_datum(string_at(report, "/name", "point"));
  for (const std::string& tier : tier_names()) {
    header += " " + tier;
    row += " " + html_number(number_at(report, "/energy_pj/by_tier/" + tier) / std::max(1.0, metrics_of(report).tokens));
  }
  return Plot{"set style data histograms\nset style histogram rowstacked\nset style fill solid 0.8 border -1\n"
              "set boxwidth 0.5\nset ylabel 'pJ per token'\nset key outside right\nset yrange [0:*]\n"
              "plot for [i=2:7] $d using i:xtic(1) title columnheader(i)",
              {{"d", header + "\n" + row + "\n"}}, 560, 360};
}

std::optional<Plot> op_chart(const nlohmann::json& report) {
  std::string rows;
  for (const auto& [op, pj] : object_at(report, "/energy_pj/by_op").items())
    if (pj.is_number() && pj.get<double>() > 0) rows += gnuplot_datum(op) + " " + html_number(pj.get<double>()) + "\n";
  if (rows.empty()) return std::nullopt;
  return Plot{"set style data histograms\nset style fill solid 0.8 border -1\nset boxwidth 0.6\n"
              "set ylabel 'pJ (whole run)'\nset xtics rotate by -30\nunset key\nset yrange [0:*]\n"
              "plot $d using 2:xtic(1) lc rgb '#4a7ab5'",
              {{"d", rows}}, 640, 360};
}

// Roofline: attainable MAC/s = min(peak, intensity x HBM bytes/s); the run is a point at its
// operational intensity (MACs per HBM byte) and achieved MAC rate.
std::optional<Plot> roofline_chart(const nlohmann::json& report) {
  const Roofline roof = roofline_of(object_at(report, "/config"), number_at(report, "/prices_static/chips", 1));
  const PointMetrics m = metrics_of(report);
  const double seconds = number_at(report, "/time/seconds");
  if (roof.peak_macs_per_s <= 0 || roof.hbm_bytes_per_s <= 0 || m.hbm_bits <= 0 || seconds <= 0) return std::nullopt;
  const double intensity = m.macs / (m.hbm_bits / 8), rate = m.macs / seconds;
  const double ridge = roof.peak_macs_per_s / roof.hbm_bytes_per_s;
  const double lo = std::min(intensity, ridge) / 10, hi = std::max(intensity, ridge) * 10;
  const std::string script = fmt::format(
      "set logscale xy\nset xlabel 'operational intensity (MACs per HBM byte)'\nset ylabel 'MAC/s'\n"
      "set xrange [{lo}:{hi}]\nset key bottom right\npeak={peak}\nbw={bw}\n"
      "set arrow from {ridge},graph 0 to {ridge},graph 1 nohead dt 2 lc rgb '#888888'\n"
      "plot (x*bw < peak ? x*bw : peak) title 'roof: min(peak, intensity x HBM bandwidth)' lw 2 lc rgb '#333333', "
      "$p using 1:2 with points pt 7 ps 1.5 lc rgb '#d62728' title 'this run'",
      fmt::arg("lo", lo), fmt::arg("hi", hi), fmt::arg("peak", roof.peak_macs_per_s), fmt::arg("bw", roof.hbm_bytes_per_s),
      fmt::arg("ridge", ridge));
  return Plot{script, {{"p", html_number(intensity) + " " + html_number(rate) + "\n"}}, 640, 400};
}

std::string key_figures(const nlohmann::json& report) {
  const PointMetrics m = metrics_of(report);
  const Roofline roof = roofline_of(object_at(report, "/config"), number_at(report, "/prices_static/chips", 1));
  return html_table({"figure", "value"},
                    {{"phase", string_at(report, "/phase")},
                     {"technology", string_at(report, "/technology")},
                     {"latency per step (s)", html_number(m.latency_s)},
                     {"tokens/s", html_number(m.tokens_per_second)},
                     {"energy per token (pJ)", html_number(m.energy_pj_per_token)},
                     {"energy total (pJ)", html_number(m.energy_pj_total)},
                     {"movement / compute", html_number(m.movement_to_compute)},
                     {"pJ moved per MAC", html_number(m.movement_pj_per_mac)},
                     {"pJ per MAC, all in", html_number(m.pj_per_mac_all_in)},
                     {"peak MAC/s", html_number(roof.peak_macs_per_s)},
                     {"critical batch (peak MAC/s / weights per second of HBM)", html_number(roof.critical_batch)},
                     {"config hash", string_at(report, "/config_hash")}});
}

std::string prices_table(const nlohmann::json& report) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : object_at(report, "/prices").is_array() ? report.at("prices") : nlohmann::json::array())
    rows.push_back({p.value("key", ""), html_number(p.value("pj", 0.0)) + " " + p.value("unit", ""),
                    std::to_string(p.value("count", std::uint64_t{0})), html_number(p.value("energy_pj", 0.0)),
                    p.value("source", "")});
  return html_table({"price", "value", "count", "energy (pJ)", "source"}, rows);
}

// The charts that have a spec, rendered in one gnuplot run; nullopt where a chart has none.
std::vector<std::optional<std::string>> render_charts(const std::vector<std::optional<Plot>>& charts) {
  std::vector<Plot> plots;
  for (const auto& c : charts)
    if (c) plots.push_back(*c);
  const std::vector<std::optional<std::string>> svgs = render_svgs(plots);
  std::vector<std::optional<std::string>> out;
  std::size_t next = 0;
  for (const auto& c : charts) out.push_back(c ? svgs[next++] : std::nullopt);
  return out;
}

}  // namespace

std::string point_html(const nlohmann::json& report) {
  const auto svgs = render_charts({tier_chart(report), op_chart(report), roofline_chart(report)});
  std::string body = "<h2>Key figures</h2>\n" + key_figures(report);
  body += "<h2>Energy by tier</h2>\n" + html_figure(svgs[0], "energy per token by tier (stacked)");
  std::vector<std::vector<std::string>> tiers;
  for (const auto& tier : tier_names()) tiers.push_back({tier, html_number(number_at(report, "/energy_pj/by_tier/" + tier))});
  body += html_table({"tier", "energy (pJ)"}, tiers);
  body += "<h2>Energy by op</h2>\n" + html_figure(svgs[1], "dynamic energy by op category");
  body += "<h2>Roofline</h2>\n" + html_figure(svgs[2], "achieved MAC rate against the peak and the HBM roof");
  body += "<h2>Prices</h2>\n" + prices_table(report);
  return html_page("pjsim report: " + string_at(report, "/name", "point"), body);
}

std::filesystem::path write_point_html(const nlohmann::json& report, const std::filesystem::path& dir) {
  const auto path = dir / "report.html";
  write_file_atomically(path, point_html(report));
  return path;
}

}  // namespace pjsim::reports
