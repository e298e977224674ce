// Golden reports: each examples/*.yaml is run and diffed (`pjsim diff`) against
// tests/golden/<example>/report.json, so a change of the model shows up as a reviewed update
// of the goldens (scripts/update-goldens.sh, docs/studies.md#goldens).
#include <catch2/catch.hpp>

#include <filesystem>

#include "run_pjsim.h"
#include "study_files.h"

using pjsim::testing::run_pjsim;
using pjsim::testing::TempDir;
using pjsim::testing::write_text;

TEST_CASE("every example matches its golden report", "[golden]") {
  const std::filesystem::path source(PJSIM_SOURCE_DIR);
  std::size_t examples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source / "examples")) {
    if (entry.path().extension() != ".yaml") continue;
    ++examples;
    const std::string name = entry.path().stem().string();
    const std::filesystem::path golden = source / "tests/golden" / name / "report.json";
    INFO(name << ": update the goldens with scripts/update-goldens.sh after a deliberate change");
    REQUIRE(std::filesystem::exists(golden));
    const auto run = run_pjsim({"run", entry.path().string(), "--quiet"});
    REQUIRE(run.exit_code == 0);
    TempDir dir;
    const std::string fresh = write_text(dir / "report.json", run.report_text);
    const auto diff = run_pjsim({"diff", golden.string(), fresh});
    INFO(diff.out << diff.err);
    CHECK(diff.exit_code == 0);
    CHECK(run.report_text.find(source.string()) == std::string::npos);  // no machine-specific paths
  }
  CHECK(examples >= 4);
}
