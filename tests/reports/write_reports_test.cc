#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "reports/report.h"
#include "reports/synthetic_run.h"

using namespace pjsim::reports;
using namespace pjsim::reports::testing;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("write_reports writes five files, report.json last, and no temporaries, --no-html leaves the page out", "[reports]") {
  const fs::path root = fs::temp_directory_path() / ("pjsim_reports_test_" + std::to_string(::getpid()));
  fs::remove_all(root);
  const fs::path dir = root / "nested" / "point";
  const auto report = build_report(synthetic_run(), "0.1.0");

  const WrittenReports w = write_reports(report, dir);
  CHECK(w.json == dir / "report.json");
  CHECK(w.markdown == dir / "report.md");
  CHECK(w.csv == dir / "report.csv");
  CHECK(w.html == dir / "report.html");
  CHECK(names_in(dir) == std::set<std::string>{"ledger.csv", "report.csv", "report.html", "report.json", "report.md"});
  // report.json is renamed into place last (what --resume trusts), so it is the newest.
  CHECK(w.ledger_csv == dir / "ledger.csv");
  for (const auto& other : {w.markdown, w.csv, w.ledger_csv, w.html}) CHECK(fs::last_write_time(other) <= fs::last_write_time(w.json));
  CHECK(slurp(w.json) == dump_report(report));
  CHECK(slurp(w.markdown) == to_markdown(report));
  CHECK(slurp(w.csv) == to_csv(report));

  SECTION("without html, there is no page (and no stale one)") {
    const WrittenReports again = write_reports(report, dir, {false});
    CHECK(again.html.empty());
    CHECK(names_in(dir) == std::set<std::string>{"ledger.csv", "report.csv", "report.json", "report.md"});
  }
  SECTION("writing again replaces the files in place") {
    auto changed = report;
    changed["name"] = "second";
    write_reports(changed, dir);
    CHECK(names_in(dir) == std::set<std::string>{"ledger.csv", "report.csv", "report.html", "report.json", "report.md"});
    CHECK(slurp(w.json) == dump_report(changed));
  }
  fs::remove_all(root);
}

TEST_CASE("write_reports fails cleanly when the directory cannot be made", "[reports][errors]") {
  const fs::path root = fs::temp_directory_path() / ("pjsim_reports_block_" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  std::ofstream(root / "file") << "x";
  CHECK_THROWS_AS(write_reports(build_report(synthetic_run(), "0.1.0"), root / "file" / "sub"), std::runtime_error);
  fs::remove_all(root);
}
