// `pjsim diff`'s judgement and its outputs: a move is an improvement or a regression by the
// figure's direction, headline figures come first, a missing figure is missing (never 0), and
// the JSON, JUnit and Markdown say the same as the table.
#include <catch2/catch.hpp>

#include "reports/diff_formats.h"
#include "reports/report_diff.h"

using namespace pjsim::reports;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

const nlohmann::json kOld = {{"metrics", {{"energy_per_token_joules", 0.10}, {"tokens_per_second", 1000.0}}},
                             {"energy_pj", {{"total", 100.0}, {"static", 10.0}}},
                             {"counts", {{"macs", {{"total", 10}}}}},
                             {"utilisation", {{"hbm", 0.5}}}};

}  // namespace

TEST_CASE("diff names each move by the figure's direction and lists headline figures first", "[reports]") {
  nlohmann::json b = kOld;
  b["metrics"]["energy_per_token_joules"] = 0.09;  // lower energy: better
  b["metrics"]["tokens_per_second"] = 900.0;        // fewer tokens/s: worse
  b["counts"]["macs"]["total"] = 11;                // a count: neither
  b["energy_pj"].erase("static");                   // missing: a regression, not 0
  ReportDiff d;
  diff_reports(kOld, b, default_tolerances(), "", d);
  sort_rows(d);
  REQUIRE(d.rows.size() == 4);
  CHECK(d.rows[0].path == "metrics.energy_per_token_joules");
  CHECK(d.rows[0].verdict == "improvement");
  CHECK(d.rows[1].path == "metrics.tokens_per_second");
  CHECK(d.rows[1].verdict == "regression");
  CHECK(d.rows[2].path == "energy_pj.static");
  CHECK(d.rows[2].kind == "removed");
  CHECK_FALSE(d.rows[2].new_value.has_value());
  CHECK(d.rows[3].path == "counts.macs.total");
  CHECK(d.rows[3].verdict == "change");
  CHECK(d.count("regression") == 2);
  CHECK(d.fails(false));

  const DiffLabels labels{"old.json", "new.json", true};
  const std::string table = diff_table(d, labels);
  CHECK(table.find("(missing)") != std::string::npos);
  CHECK(table.find("FAIL: 2 regression(s), 1 improvement(s), 1 other change(s)") != std::string::npos);

  const nlohmann::json j = diff_json(d, labels);
  CHECK(j["verdict"] == "fail");
  CHECK(j["rows"][2]["new"].is_null());  // missing, never 0
  CHECK(j["rows"][0]["better"] == "lower");
  CHECK(j["rows"][1]["relative_change"].get<double>() == Approx(-0.1));
  CHECK(j["summary"]["regressions"] == 2);

  // JUnit: one test case per compared figure, the failures (strict: every move) carry delta and tolerance.
  const std::string junit = diff_junit(d, labels);
  CHECK(count(junit, "<testcase ") == d.compared + 1);  // + the removed figure
  CHECK(count(junit, "<failure ") == 4);
  CHECK(junit.find("change -10.00%, tolerance 1e-06") != std::string::npos);
  const std::string lenient = diff_junit(d, {"old.json", "new.json", false});
  CHECK(count(lenient, "<failure ") == 2);  // --fail-on regression

  const std::string md = diff_markdown(d, labels);
  CHECK(md.rfind("### pjsim diff: **fail**", 0) == 0);
  CHECK(md.find("| `metrics.tokens_per_second` | 1000.0 | 900.0 | -10.00% | 1e-06 | **regression** |") != std::string::npos);
}

TEST_CASE("ignore globs leave figures out, a bad glob says why", "[reports][errors]") {
  nlohmann::json b = kOld;
  b["utilisation"]["hbm"] = 0.9;
  ReportDiff d;
  diff_reports(kOld, b, default_tolerances(), "p001/", d, {"p001/utilisation.*"});
  CHECK(d.rows.empty());
  CHECK_FALSE(d.fails(true));
  CHECK(glob_error("energy_pj.*").empty());
  CHECK(glob_error("[]abc]").empty());
  CHECK(glob_error("energy_pj.[abc") == "an unterminated '[' at column 11");
  CHECK(glob_error("tail\\") == "it ends with a lone '\\'");
  CHECK(glob_error("") == "an empty pattern");
}
