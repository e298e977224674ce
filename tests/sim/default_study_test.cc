// The README's first command ends with the default study: every point runs, and the closing
// summary shows, one choice at a time, how batch, precision, dense vs MoE and context change
// the picojoules moved per multiply.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "run_pjsim.h"
#include "study_files.h"

TEST_CASE("the default study runs every point and summarises each choice's effect on pJ moved per MAC", "[sim]") {
  // A fresh folder: a fixed name would be shared with every other checkout testing on this machine.
  const pjsim::testing::TempDir dir;
  const auto run = pjsim::testing::run_pjsim({"sweep", "-j", "2", "--out", dir / "out"});
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("0 failed, 46 skipped") != std::string::npos);  // the points that do not fit in HBM, listed with their reasons
  const auto at = run.out.find("pJ moved per MAC, one choice at a time");
  REQUIRE(at != std::string::npos);
  const std::string summary = run.out.substr(at);
  for (const char* axis : {"batch", "weights", "model", "context_tokens"}) CHECK(summary.find(axis) != std::string::npos);
  // Batching reuses every weight bit: the figure falls monotonically from batch 1 to 1024.
  const auto line_start = summary.find("  batch");
  REQUIRE(line_start != std::string::npos);
  const std::string line = summary.substr(line_start, summary.find('\n', line_start) - line_start);
  std::vector<double> values;
  const std::regex number(R"(: ([0-9.e+-]+))");
  for (auto it = std::sregex_iterator(line.begin(), line.end(), number); it != std::sregex_iterator(); ++it)
    values.push_back(std::stod((*it)[1]));
  REQUIRE(values.size() == 6);
  for (std::size_t i = 1; i < values.size(); ++i) CHECK(values[i] < values[i - 1]);
}
