// report.html renders in a headless Chromium with its plots (inline SVG), for a point and a
// study; without gnuplot the page says so and the reports are still written.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

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

// The DOM after Chromium loaded and laid out the page (no network: file:// only).
std::string dump_dom(const std::string& browser, const std::string& html, const TempDir& dir) {
  const std::string out = dir / "dom.html";
  const std::string cmd = browser + " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                          " --disable-background-networking --disable-component-update --disable-sync"
                          " --user-data-dir=" + (dir / "profile") + " --dump-dom 'file://" + html + "' >" + out +
                          " 2>" + (dir / "chromium.err");
  REQUIRE(std::system(cmd.c_str()) == 0);
  return read_file(out);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("report.html of a point and of a study render in headless Chromium with their plots", "[sim][html]") {
  const std::string browser = chromium();
  if (browser.empty()) {
    WARN("chromium is not installed (scripts/setup.sh installs it): skipping the rendering check");
    return;
  }
  TempDir dir;
  const auto run = run_pjsim({"run", "--quiet"});
  REQUIRE(run.exit_code == 0);
  const std::string dom = dump_dom(browser, write_text(dir / "point/report.html", run.report_html), dir);
  CHECK(dom.find("<h1>pjsim report: default</h1>") != std::string::npos);
  CHECK(count(dom, "<svg") >= 3);  // tiers, ops, roofline
  CHECK(dom.find("Plot not rendered") == std::string::npos);

  const std::string study = write_text(dir / "s.yaml", "study: s\nset: {workload.model: tiny-llama, workload.context_tokens: 64}\n"
                                                       "axes:\n  workload.batch: [1, 4, 16]\n  workload.precision.weights: [bf16, int8]\n");
  REQUIRE(run_pjsim({"sweep", study, "--out", dir / "study", "-j", "2", "--quiet"}).exit_code == 0);
  const std::string study_dom = dump_dom(browser, dir / "study/report.html", dir);
  CHECK(count(study_dom, "<svg") >= 3);  // Pareto, tiers, batch
  CHECK(study_dom.find("Pareto frontier") != std::string::npos);
  CHECK(study_dom.find("Plot not rendered") == std::string::npos);
}

TEST_CASE("without gnuplot, report.html says so and every report is still written", "[sim][html]") {
  TempDir dir;
  setenv("PJSIM_GNUPLOT", "/nonexistent/gnuplot", 1);
  const auto run = run_pjsim({"run", "--quiet", "--set", "workload.model=tiny-llama", "--set", "workload.context_tokens=64"});
  unsetenv("PJSIM_GNUPLOT");
  REQUIRE(run.exit_code == 0);
  CHECK(run.report_html.find("Plot not rendered: gnuplot not found") != std::string::npos);
  CHECK(run.report_html.find("<svg") == std::string::npos);
  CHECK(run.report.contains("energy_pj"));
}
