// The page toolkit (reports/html_page.h) and the point page built with it: escaping, the inlined
// charting library, chart specs that cannot end their script, and the point page's contents
// (the prices table with its sources was once always empty).
#include <catch2/catch.hpp>

#include "reports/html_page.h"
#include "reports/html_report.h"
#include "reports/report.h"
#include "reports/synthetic_run.h"
#include "reports/web_assets.h"

using namespace pjsim::reports;
using namespace pjsim::reports::testing;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("render_page inlines the pinned charting library and escapes everything it is given", "[reports][html]") {
  REQUIRE(chart_libraries().size() == 3);
  CHECK(chart_libraries()[0].name == "vega");
  CHECK(chart_libraries()[1].name == "vega-lite");
  CHECK(chart_libraries()[2].name == "vega-embed");
  for (const auto& lib : chart_libraries()) {
    CHECK(lib.code.size() > 10000);
    CHECK(lib.code.find("sourceMappingURL") == std::string::npos);  // the map is not shipped: no request for it
  }

  Page page{"a <b> & \"c\"", "sub", {{"model", "x</dd><script>"}}, {}};
  nlohmann::json spec = {{"mark", "point"}, {"data", {{"values", {{{"label", "</script><script>alert(1)</script>"}}}}}}};
  PageSection s{"Section", "text & more", {{"one", "caption", spec}}, {}};
  s.tables.push_back({"", {"h"}, {{Cell("<td>"), number_cell(2.5, "2.5 J"), link_cell("p001", "points/p001/report.html")}}, true});
  page.sections.push_back(s);
  const std::string html = render_page(page);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  for (const auto& lib : chart_libraries()) CHECK(html.find(lib.code) != std::string::npos);
  CHECK(html.find(page_script()) != std::string::npos);
  CHECK(html.find("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>") != std::string::npos);
  CHECK(html.find("x&lt;/dd&gt;&lt;script&gt;") != std::string::npos);
  CHECK(html.find("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)") != std::string::npos);
  CHECK(count(html, "alert(1)") == 1);  // only inside the escaped JSON
  CHECK(html.find("<td class=\"num\" data-sort=\"2.5\">2.5 J</td>") != std::string::npos);
  CHECK(html.find("<a href=\"points/p001/report.html\">p001</a>") != std::string::npos);
  CHECK(html.find("<table class=\"sortable\">") != std::string::npos);
  CHECK(html.find("id=\"chart-one\"") != std::string::npos);
  CHECK(nlohmann::json::parse(script_json(spec)) == spec);  // the escapes read back as the same JSON

  page.sections[0].charts.push_back({"one", "", spec});
  CHECK_THROWS_AS(render_page(page), std::invalid_argument);  // a repeated name
  page.sections[0].charts.back().name = "Bad Name";
  CHECK_THROWS_AS(render_page(page), std::invalid_argument);
}

TEST_CASE("the point page lists every price with its source, names what was simulated, and its charts", "[reports][html]") {
  RunResult r = synthetic_run();
  r.config["workload"]["model"] = {{"base", "tiny-llama"}};
  r.config["arch"]["base"] = "tpu-v4-like";
  r.op_seconds = {{"mlp", 0.0015}, {"projection", 0.0005}};
  r.layer_seconds = {{"layer0", 0.0005}, {"layer1", 0.0015}};
  const nlohmann::json report = build_report(r, "0.1.0");
  const std::string html = point_html(report);
  // Prices: one row per price row of the report, with its source (escaped: "|" stays, "<" would not).
  REQUIRE(report["prices"].size() == 7);
  for (const auto& p : report["prices"]) {
    INFO(p["key"]);
    CHECK(html.find("<td>" + p["key"].get<std::string>() + "</td>") != std::string::npos);
    CHECK(html.find("<td>" + html_escape(p["source"].get<std::string>()) + "</td>") != std::string::npos);
  }
  CHECK(html.find("test: sram read | 1 MiB") != std::string::npos);
  // The header names the model, the arch and the technology.
  CHECK(html.find("<dt>model</dt><dd>tiny-llama</dd>") != std::string::npos);
  CHECK(html.find("<dt>arch</dt><dd>tpu-v4-like</dd>") != std::string::npos);
  CHECK(html.find("<dt>technology</dt><dd>synthetic</dd>") != std::string::npos);
  for (const char* chart : {"chart-tier-data", "chart-op-energy", "chart-op-time", "chart-layer-energy", "chart-layer-time",
                            "chart-energy-roofline", "chart-utilisation"})
    CHECK(html.find(std::string("id=\"") + chart + "\"") != std::string::npos);
  for (const char* name : {"energy_per_token_joules", "tokens_per_second", "tpot_seconds", "avg_power_watts", "mfu"})
    CHECK(html.find(std::string("<td>") + name + "</td>") != std::string::npos);
}
