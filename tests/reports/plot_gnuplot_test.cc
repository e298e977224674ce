// Charts rendered together by one gnuplot run: one SVG per chart, each as it would render alone
// (a chart's settings do not leak into the next), and a failure that names itself.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "reports/plot_gnuplot.h"

using pjsim::reports::Plot;
using pjsim::reports::render_svg;
using pjsim::reports::render_svgs;

namespace {

bool has_gnuplot() { return std::system("command -v gnuplot >/dev/null 2>&1") == 0; }

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("render_svgs: one gnuplot run gives each chart its own SVG, in order", "[reports][plots]") {
  if (!has_gnuplot()) {
    WARN("gnuplot not installed: skipped");
    return;
  }
  const Plot logs{"set logscale xy\nplot $d using 1:2 with points title 'first'", {{"d", "1 10\n10 1000\n"}}, 300, 200};
  const Plot lines{"plot $d using 1:2 with lines title 'second'", {{"d", "1 1\n2 4\n3 9\n"}}, 500, 300};
  const auto svgs = render_svgs({logs, lines});
  REQUIRE(svgs.size() == 2);
  REQUIRE(svgs[0]);
  REQUIRE(svgs[1]);
  CHECK(svgs[0]->rfind("<svg", 0) == 0);
  CHECK(svgs[0]->find("width=\"300\"") != std::string::npos);
  CHECK(svgs[1]->find("width=\"500\"") != std::string::npos);
  CHECK(svgs[0]->find("first") != std::string::npos);
  CHECK(svgs[1]->find("second") != std::string::npos);
  CHECK(count(*svgs[1], "</svg>") == 1);
  // The second chart drawn alone has the same tick labels: the first chart's log scale is reset.
  const auto alone = render_svg(lines.script, lines.data, lines.width, lines.height);
  REQUIRE(alone);
  CHECK(count(*alone, "<text>") == count(*svgs[1], "<text>"));
  CHECK(svgs[1]->find(">1000<") == std::string::npos);
}

TEST_CASE("render_svgs: a failing chart gives no charts and a note saying why", "[reports][plots]") {
  if (!has_gnuplot()) {
    WARN("gnuplot not installed: skipped");
    return;
  }
  const Plot good{"plot x", {}, 300, 200};
  const Plot bad{"plot $nosuchblock using 1:2", {}, 300, 200};
  const auto svgs = render_svgs({good, bad});
  REQUIRE(svgs.size() == 2);
  CHECK_FALSE(svgs[0]);
  CHECK_FALSE(svgs[1]);
  CHECK(pjsim::reports::gnuplot_note().rfind("gnuplot failed", 0) == 0);
  CHECK(render_svgs({}).empty());
}
