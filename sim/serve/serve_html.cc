#include <algorithm>

#include <fmt/format.h>

#include "reports/html_page.h"
#include "reports/vega_lite.h"
#include "sim/serve/serve_report.h"

namespace pjsim::sim {
namespace {

nlohmann::json line_chart(const nlohmann::json& values, const std::string& x, const std::string& y,
                          const std::string& x_title, const std::string& y_title) {
  return {{"$schema", "https://vega.github.io/schema/vega-lite/v5.json"},
          {"data", {{"values", values}}},
          {"width", 640},
          {"height", 200},
          {"mark", {{"type", "line"}, {"interpolate", "step-after"}}},
          {"encoding",
           {{"x", {{"field", x}, {"type", "quantitative"}, {"title", x_title}}},
            {"y", {{"field", y}, {"type", "quantitative"}, {"title", y_title}}},
            {"tooltip", {{{"field", x}, {"type", "quantitative"}}, {{"field", y}, {"type", "quantitative"}}}}}}};
}

// Empirical CDFs of TTFT, TPOT and end-to-end latency, at most 400 points each.
nlohmann::json cdf_values(const serving::ServeResult& r) {
  std::map<std::string, std::vector<double>> v;
  for (const serving::RequestRecord& q : r.requests) {
    if (!q.rejected.empty() || q.finish_s < 0) continue;
    v["TTFT"].push_back(q.ttft_s() * 1e3);
    v["E2E"].push_back(q.e2e_s() * 1e3);
    if (q.output_tokens > 1) v["TPOT"].push_back(q.tpot_s() * 1e3);
  }
  nlohmann::json rows = nlohmann::json::array();
  for (auto& [name, xs] : v) {
    std::sort(xs.begin(), xs.end());
    const std::size_t n = xs.size(), step = std::max<std::size_t>(1, n / 400);
    for (std::size_t i = 0; i < n; i += step)
      rows.push_back({{"latency", name}, {"ms", xs[i]}, {"fraction", double(i + 1) / double(n)}});
    rows.push_back({{"latency", name}, {"ms", xs.back()}, {"fraction", 1.0}});
  }
  return rows;
}

}  // namespace

std::string serve_html(const nlohmann::json& j, const serving::ServeResult& r) {
  const nlohmann::json& m = j.at("metrics");
  reports::Page page{"pjsim serve: " + j.at("name").get<std::string>(),
                     fmt::format("{} on {} serving {}", j.at("model").get<std::string>(), j.at("arch").get<std::string>(),
                                 j.at("requests_from").get<std::string>()),
                     {{"completed", std::to_string(m.at("completed").get<std::uint64_t>())},
                      {"output tokens/s", fmt::format("{:.1f}", m.at("output_throughput_tokens_per_sec").get<double>())},
                      {"J/output token", fmt::format("{:.4g}", m.at("energy_per_token_joules").get<double>())},
                      {"p99 TTFT", fmt::format("{:.1f} ms", m.at("p99_ttft_ms").get<double>())},
                      {"p99 TPOT", fmt::format("{:.2f} ms", m.at("p99_tpot_ms").get<double>())},
                      {"avg power", fmt::format("{:.1f} W", m.at("avg_power_watts").get<double>())},
                      {"step costs", j.at("step_costs").get<std::string>()}},
                     {}};
  if (j.at("partial").get<bool>()) page.facts.push_back({"partial", j.at("partial_reason").get<std::string>()});

  const nlohmann::json& rows = j.at("time_series").at("rows");
  reports::PageSection over_time{"Over time", "Averages per interval of the time series (serve.json time_series).", {}, {}};
  over_time.charts.push_back({"batch", "sequences in the running batch", line_chart(rows, "t_s", "running", "time (s)", "running batch")});
  over_time.charts.push_back({"queue", "requests waiting for their first step", line_chart(rows, "t_s", "waiting", "time (s)", "queue")});
  over_time.charts.push_back({"kv", "KV cache blocks in use / capacity", line_chart(rows, "t_s", "kv_occupancy", "time (s)", "KV occupancy")});
  over_time.charts.push_back({"power", "average power per interval, idle included", line_chart(rows, "t_s", "power_w", "time (s)", "power (W)")});
  page.sections.push_back(over_time);

  reports::PageSection latency{"Latency", "Empirical CDFs over completed requests.", {}, {}};
  nlohmann::json cdf = line_chart(cdf_values(r), "ms", "fraction", "latency (ms)", "fraction of requests");
  cdf["encoding"]["color"] = {{"field", "latency"}, {"type", "nominal"}};
  cdf["encoding"]["x"]["scale"] = {{"type", "log"}};
  latency.charts.push_back({"cdf", "TTFT, TPOT and end-to-end latency", cdf});
  reports::PageTable table{"milliseconds", {"", "mean", "p50", "p90", "p99", "max"}, {}, false};
  for (const char* k : {"ttft", "tpot", "itl", "e2el", "queueing"}) {
    std::vector<reports::Cell> row = {reports::Cell(k)};
    for (const char* q : {"mean", "median", "p90", "p99", "max"}) {
      const double x = m.at(fmt::format("{}_{}_ms", q, k)).get<double>();
      row.push_back(reports::number_cell(x, fmt::format("{:.2f}", x)));
    }
    table.rows.push_back(row);
  }
  latency.tables.push_back(table);
  page.sections.push_back(latency);

  reports::PageSection energy{"Energy", "Joules of the whole replay, idle included.", {}, {}};
  const nlohmann::json& e = j.at("energy_joules");
  for (const char* fam : {"by_phase", "by_tier", "by_data"}) {
    reports::PageTable t{fam + 3, {"part", "J", "share"}, {}, true};
    for (const auto& [k, v] : e.at(fam).items()) {
      const double x = v.get<double>(), total = e.at("total").get<double>();
      t.rows.push_back({reports::Cell(k), reports::number_cell(x, fmt::format("{:.4g}", x)),
                        reports::number_cell(total > 0 ? x / total : 0, fmt::format("{:.1f} %", total > 0 ? 100 * x / total : 0.0))});
    }
    energy.tables.push_back(t);
  }
  page.sections.push_back(energy);
  return reports::render_page(page);
}

}  // namespace pjsim::sim
