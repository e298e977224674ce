// The `ledger` section of report.json round-trips exactly, so reprice can price it again.
#include <catch2/catch.hpp>

#include "models/pricing.h"
#include "reports/report.h"
#include "reports/report_diff.h"
#include "reports/report_ledger.h"
#include "synthetic_run.h"

using namespace pjsim;
using pjsim::reports::testing::synthetic_run;

TEST_CASE("ledger_from_json(ledger_section(l)) is l, entry by entry", "[reports]") {
  const reports::RunResult r = synthetic_run();
  const nlohmann::json j = reports::ledger_section(r.ledger);
  REQUIRE(j.size() == r.ledger.entries().size());
  const models::Ledger back = reports::ledger_from_json(j);
  REQUIRE(back.entries().size() == r.ledger.entries().size());
  auto it = back.entries().begin();
  for (const auto& [tag, count] : r.ledger.entries()) {
    CHECK_FALSE(tag < it->first);
    CHECK_FALSE(it->first < tag);
    CHECK(it->second == count);
    ++it;
  }
  CHECK(reports::build_report(r, "x")["ledger"] == j);
}

TEST_CASE("a malformed ledger entry names itself", "[reports][errors]") {
  CHECK_THROWS_WITH(reports::ledger_from_json({{"jump|bf16|0|0|0|mlp|weights", 1}}),
                    "ledger.jump|bf16|0|0|0|mlp|weights: unknown action 'jump'");
  CHECK_THROWS_WITH(reports::ledger_from_json({{"mac|bf16|0|0", 1}}),
                    "ledger.mac|bf16|0|0: expected action|precision|chip|core|layer|op|data");
}

TEST_CASE("report diff: tolerances by glob, first match wins, added keys are not regressions", "[reports]") {
  const nlohmann::json a = {{"energy_pj", {{"total", 100.0}}}, {"counts", {{"macs", 10}}}};
  nlohmann::json b = a;
  b["energy_pj"]["total"] = 101.5;
  reports::ReportDiff strict;
  reports::diff_reports(a, b, reports::default_tolerances(), "", strict);
  REQUIRE(strict.rows.size() == 1);
  CHECK(strict.rows[0].path == "energy_pj.total");
  CHECK(*strict.rows[0].relative_change == Approx(0.015));
  CHECK(strict.rows[0].verdict == "regression");  // more energy is worse
  CHECK(strict.fails(false));

  auto rules = reports::default_tolerances();
  rules.insert(rules.begin(), {"energy_pj.*", 0.02, 0});
  b["new_key"] = 1;
  reports::ReportDiff loose;
  reports::diff_reports(a, b, rules, "p001/", loose);
  REQUIRE(loose.rows.size() == 1);
  CHECK(loose.rows[0].kind == "added");
  CHECK(loose.rows[0].path == "p001/new_key");
  CHECK_FALSE(loose.fails(true));
}
