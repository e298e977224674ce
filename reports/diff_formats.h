// What `pjsim diff` writes, from a ReportDiff (reports/report_diff.h): an aligned table for the
// terminal, JSON for scripts (--json), JUnit XML for CI test views (--junit FILE: one test case
// per compared figure, a failure carrying the delta and the tolerance) and Markdown for pull-request
// comments (--markdown). Headline figures come first in each.
//
// Example (energy_pj.total +2 % at a 1 % tolerance, strict):
//   diff_table(d):   "figure           old        new        change   tolerance  verdict\n"
//                    "energy_pj.total  1e+10      1.02e+10   +2.00%   1e-02      regression\n"
//                    "FAIL: 1 regression, 0 improvements, 0 other changes among 2933 figures compared\n"
//   diff_junit(d, true): <testcase classname="pjsim.diff" name="energy_pj.total"><failure message="+2.00% ..."/>
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reports/report_diff.h"

namespace pjsim::reports {

struct DiffLabels {
  std::string old_path, new_path;  ///< what was compared, as given
  bool strict = true;              ///< any move fails (--fail-on change), else regressions only
};

/// The terminal table (at most 200 rows, then how many more) and a verdict line.
std::string diff_table(const ReportDiff& diff, const DiffLabels& labels);
/// {"old", "new", "fail_on", "verdict": "pass"|"fail", "compared", "summary": {...}, "rows": [...]};
/// a missing value is null, never 0.
nlohmann::json diff_json(const ReportDiff& diff, const DiffLabels& labels);
/// JUnit XML: one <testcase> per compared, added or removed figure.
std::string diff_junit(const ReportDiff& diff, const DiffLabels& labels);
/// A Markdown summary for a pull-request comment: the verdict, then the table of what moved.
std::string diff_markdown(const ReportDiff& diff, const DiffLabels& labels);

}  // namespace pjsim::reports
