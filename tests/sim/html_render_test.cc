// Every kind of report page opened in a real browser (headless Chromium): the charts are drawn
// (the page records "drawn N" once vega-embed has drawn all N), each chart has one mark per
// point it plots, and nothing is written to the browser console (no error, no Vega warning).
// A screenshot of each page is kept in the build's test-artifacts/ folder for CI to publish.
// Chromium is installed by scripts/test.sh; without it the test skips, unless
// PJSIM_REQUIRE_BROWSER=1 (set by scripts/test.sh as root), when that is a failure.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "run_pjsim.h"
#include "study_files.h"

using pjsim::testing::read_file;
using pjsim::testing::run_pjsim;
using pjsim::testing::TempDir;
using pjsim::testing::write_text;

namespace {

std::string chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    const std::string cmd = std::string("command -v ") + name + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) == 0) return name;
  }
  return "";
}

struct Opened {
  std::string dom;      ///< the DOM once the page's scripts have run
  std::string console;  ///< what the page wrote to the console, one "CONSOLE" line each
};

std::string chromium_command(const std::string& browser, const TempDir& dir) {
  // --virtual-time-budget: Chromium runs the page's timers and promises (vega-embed draws
  // asynchronously) before it dumps or shoots. No network: the page is a file and needs none.
  return browser + " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
                   " --disable-component-update --disable-sync --hide-scrollbars --virtual-time-budget=20000"
                   " --user-data-dir=" + (dir / "profile");
}

// Opens the page once: dumps its DOM, collects its console lines and keeps a screenshot as a CI
// artifact, <build>/test-artifacts/html/<name>.png.
Opened open_page(const std::string& browser, const std::string& html, const std::string& name, const TempDir& dir) {
  const std::filesystem::path folder = std::filesystem::path(PJSIM_ARTIFACT_DIR) / "html";
  std::filesystem::create_directories(folder);
  const std::string png = (folder / (name + ".png")).string();
  std::filesystem::remove(png);
  const std::string out = dir / "dom.html", err = dir / "chromium.err";
  const std::string cmd = chromium_command(browser, dir) + " --enable-logging=stderr --v=0 --window-size=1200,2400 --screenshot=" + png +
                          " --dump-dom 'file://" + html + "' >" + out + " 2>" + err;
  REQUIRE(std::system(cmd.c_str()) == 0);
  Opened o{read_file(out), ""};
  std::istringstream lines(read_file(err));
  for (std::string line; std::getline(lines, line);)
    if (line.find(":CONSOLE") != std::string::npos) o.console += line + "\n";
  CHECK(std::filesystem::exists(png));
  CHECK(std::filesystem::file_size(png) > 10000);
  return o;
}

std::size_t count(const std::string& text, const std::string& what, std::size_t from = 0, std::size_t to = std::string::npos) {
  std::size_t n = 0;
  for (auto at = text.find(what, from); at != std::string::npos && at < to; at = text.find(what, at + 1)) ++n;
  return n;
}

// The items Vega drew for the mark named `mark` ("<mark>_marks") in the chart element chart-<name>.
std::size_t marks(const std::string& dom, const std::string& chart, const std::string& mark) {
  const auto start = dom.find("id=\"chart-" + chart + "\"");
  if (start == std::string::npos) return 0;
  const auto group = dom.find(" " + mark + "_marks\"", start);
  const auto next_chart = dom.find("id=\"chart-", start + 1);
  if (group == std::string::npos || (next_chart != std::string::npos && group > next_chart)) return 0;
  return count(dom, "<path", group, dom.find("</g>", group));
}

void check_drawn(const Opened& page, std::size_t charts) {
  INFO(page.console);
  CHECK(page.dom.find("data-charts=\"drawn " + std::to_string(charts) + "\"") != std::string::npos);
  CHECK(count(page.dom, " id=\"chart-") == charts);
  CHECK(page.console.empty());
}

bool browser_required() {
  const char* v = std::getenv("PJSIM_REQUIRE_BROWSER");
  return v && std::string(v) == "1";
}

}  // namespace

TEST_CASE("the point, study and compare pages draw every chart in headless Chromium, one mark per point", "[sim][html]") {
  const std::string browser = chromium();
  if (browser.empty()) {
    if (browser_required()) FAIL("chromium is not installed, and PJSIM_REQUIRE_BROWSER=1 (scripts/test.sh installs it)");
    WARN("chromium is not installed (scripts/test.sh installs it): skipping the browser test");
    return;
  }
  TempDir dir;
  // A point page: 7 charts; the utilisation chart has one bar per unit plus MFU.
  const auto run = run_pjsim({"run", "--set", "workload.model=tiny-llama", "--set", "workload.context_tokens=64", "--out", dir / "point"});
  REQUIRE(run.exit_code == 0);
  const auto report = nlohmann::json::parse(read_file(dir / "point/report.json"));
  const Opened point = open_page(browser, dir / "point/report.html", "point", dir);
  check_drawn(point, 7);
  CHECK(point.dom.find("<dt>model</dt><dd>tiny-llama</dd>") != std::string::npos);
  CHECK(marks(point.dom, "utilisation", "bars") == report["utilisation"].size() + 1);

  // A study page: the frontier plots one mark per point that ran.
  const std::string study = write_text(dir / "s.yaml", "study: s\nset: {workload.model: tiny-llama, workload.context_tokens: 64}\n"
                                                       "axes:\n  workload.batch: [1, 4, 16]\n  workload.precision.weights: [bf16, int8]\n");
  REQUIRE(run_pjsim({"sweep", study, "--out", dir / "study", "-j", "2", "--quiet", "--html"}).exit_code == 0);
  const Opened sweep = open_page(browser, dir / "study/report.html", "study", dir);
  check_drawn(sweep, 3);  // frontier, tiers, batch
  CHECK(marks(sweep.dom, "frontier", "points") == 6);
  CHECK(marks(sweep.dom, "tiers", "bars") == 6 * 6);  // 6 points x 6 tiers
  CHECK(count(sweep.dom, "<a href=\"points/p00") == 6);

  // A compare page: the waterfall has the baseline, one bar per feature and the candidate.
  const std::string base = write_text(dir / "base.yaml", "name: base\narch: tpu-v4-like\nworkload: {model: tiny-llama, context_tokens: 64, batch: 4}\n");
  const std::string cand = write_text(dir / "cand.yaml", "name: cand\narch: tpu-v4-like\nworkload: {model: tiny-llama, context_tokens: 64, batch: 8,\n"
                                                        "  precision: {weights: int8}}\n");
  REQUIRE(run_pjsim({"compare", base, cand, "--out", dir / "compare", "-j", "2", "--quiet"}).exit_code == 0);
  const Opened compare = open_page(browser, dir / "compare/report.html", "compare", dir);
  check_drawn(compare, 1);
  CHECK(marks(compare.dom, "waterfall-1", "bars") == 2 + 2);
}
