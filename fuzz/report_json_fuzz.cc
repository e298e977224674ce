// Fuzz target: the bytes are a report.json as `pjsim diff`, `pjsim reprice`, `sweep --resume` and
// `pjsim merge` read it back (sim/study/report_file.h): checked for depth, duplicate keys, schema
// version and headline figures. A report that passes is then diffed against itself and against
// an empty report of the same schema (reports/report_diff.h), and repriced with the preset
// technology table (sim/study/reprice.h), as those commands do.
// A UserError is the expected outcome of bad input; anything else escaping is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "reports/report_diff.h"
#include "sim/config/errors.h"
#include "sim/study/report_file.h"
#include "sim/study/reprice.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const nlohmann::json report = pjsim::sim::parse_report_text(text, "fuzz.json");
    pjsim::reports::ReportDiff same;
    pjsim::reports::diff_reports(report, report, pjsim::reports::default_tolerances(), "", same);
    pjsim::reports::sort_rows(same);
    if (same.fails(true)) {
      std::fprintf(stderr, "fuzz: a report differs from itself\n");
      std::abort();
    }
    pjsim::reports::ReportDiff against_empty;
    pjsim::reports::diff_reports(report, nlohmann::json::object(), pjsim::reports::default_tolerances(), "", against_empty);
    static const auto technology = [] {
      nlohmann::json resolved;
      const auto tech = pjsim::sim::load_technology("tpu-7nm", resolved);
      return std::make_pair(tech, resolved);
    }();
    pjsim::sim::reprice_report(report, technology.first, technology.second);
  } catch (const pjsim::sim::UserError& e) {
    pjsim::fuzz::check_user_error(e.what());
  }
  return 0;
}
