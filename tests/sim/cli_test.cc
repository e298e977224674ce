// The command line as a user meets it: exit codes, one-line errors, no SystemC banner, and the
// bad-input files of tests/errors/ rejected by both `validate` and `run` with their messages.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "reports/run_result.h"
#include "run_pjsim.h"

using pjsim::testing::read_file;
using pjsim::testing::run_pjsim;

namespace {

std::string expected_message(const std::string& path) {
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  const std::string marker = "# expect: ";
  REQUIRE(first.rfind(marker, 0) == 0);
  return first.substr(marker.size());
}

std::vector<std::string> error_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(PJSIM_SOURCE_DIR) + "/tests/errors"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

bool one_line(const std::string& text) {
  return !text.empty() && text.find('\n') == text.size() - 1;
}

}  // namespace

TEST_CASE("the default point runs and prints its summary without a SystemC banner", "[sim]") {
  const auto run = run_pjsim({"run"});
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("SystemC") == std::string::npos);
  CHECK(run.err.find("SystemC") == std::string::npos);
  CHECK(run.out.find("tokens/s") != std::string::npos);
  CHECK(run.out.find("movement/compute") != std::string::npos);
  CHECK(run.out.find("report: ") != std::string::npos);
  CHECK(run.report["schema_version"] == pjsim::reports::kSchemaVersion);
  CHECK(run.report_md.find("default") != std::string::npos);
  CHECK(run.report_csv.find("energy_pj.total") != std::string::npos);
  // Every utilisation is a fraction of time (a DMA's overlapping load and store count once).
  for (const auto& [unit, u] : run.report["utilisation"].items()) {
    INFO(unit);
    CHECK(u.get<double>() >= 0);
    CHECK(u.get<double>() <= 1);
  }
  // On one chip the time by op and by layer each sum to the simulated time.
  double by_op = 0, by_layer = 0;
  for (const auto& [op, s] : run.report["time"]["by_op"].items()) by_op += s.get<double>();
  for (const auto& [layer, s] : run.report["time"]["by_layer"].items()) by_layer += s.get<double>();
  CHECK(by_op == Approx(run.report["time"]["seconds"].get<double>()).epsilon(1e-12));
  CHECK(by_layer == Approx(run.report["time"]["seconds"].get<double>()).epsilon(1e-12));
}

TEST_CASE("every bad-input file is refused by validate and run with its one-line message and exit 2", "[sim][errors]") {
  const auto files = error_files();
  REQUIRE(files.size() >= 10);
  for (const std::string& file : files) {
    INFO(file);
    const std::string expected = expected_message(file);
    const auto validate = run_pjsim({"validate", file});
    CHECK(validate.exit_code == 2);
    CHECK(one_line(validate.err));
    CHECK(validate.err.find(expected) != std::string::npos);
    CHECK(validate.err.rfind(file + ":", 0) == 0);
    const auto run = run_pjsim({"run", file});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find(expected) != std::string::npos);
    CHECK(run.report_text.empty());
  }
}

TEST_CASE("command-line mistakes exit 2 with one line", "[sim][errors]") {
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"run", "/nonexistent/point.yaml"}, "/nonexistent/point.yaml: cannot read file"},
      {{"run", "--arch", "tpu-v9-like"}, "unknown arch preset 'tpu-v9-like'"},
      {{"run", "--workload", "/nonexistent/w.yaml"}, "/nonexistent/w.yaml"},
      {{"run", "--set", "arch.chip.corse=3"}, "arch.chip.corse: unknown key; did you mean 'cores'?"},
      {{"run", "--set", "workload.batch=-4"}, "workload.batch"},
      {{"run", "--set", "arch.chip.hbm.bandwidth=0 TB/s"}, "arch.chip.hbm.bandwidth"},
      {{"run", "--set", "workload.model=llama-3-70b"}, "impossible design"},
      {{"run", "--set", "nonsense"}, "--set"},
  };
  for (const Case& c : cases) {
    INFO(c.args.back());
    const auto run = run_pjsim(c.args);
    CHECK(run.exit_code == 2);
    CHECK(one_line(run.err));
    CHECK(run.err.find(c.expected) != std::string::npos);
  }
  CHECK(run_pjsim({"frobnicate"}).exit_code == 2);
  CHECK(run_pjsim({}).exit_code == 2);
}

TEST_CASE("the example design points validate", "[sim]") {
  std::vector<std::string> args = {"validate"};
  for (const auto& entry : std::filesystem::directory_iterator(std::string(PJSIM_SOURCE_DIR) + "/examples"))
    if (entry.path().extension() == ".yaml") args.push_back(entry.path().string());
  REQUIRE(args.size() > 1);
  const auto run = run_pjsim(args);
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
}

TEST_CASE("list shows presets of each kind", "[sim]") {
  const auto run = run_pjsim({"list"});
  REQUIRE(run.exit_code == 0);
  for (const char* name : {"arch:", "technology:", "model:", "tpu-v4-like", "tpu-7nm", "horowitz-45nm", "llama-3-8b", "study:",
                           "n-plus-area", "serving-mooncake"})
    CHECK(run.out.find(name) != std::string::npos);
}

TEST_CASE("a report written twice from the same inputs is byte-identical in every format", "[sim]") {
  const auto a = run_pjsim({"run", "--quiet", "--set", "workload.model=tiny-llama"});
  const auto b = run_pjsim({"run", "--quiet", "--set", "workload.model=tiny-llama"});
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  CHECK(a.report_text == b.report_text);
  CHECK(a.report_md == b.report_md);
  CHECK(a.report_csv == b.report_csv);
  CHECK_FALSE(a.report_csv.empty());
  CHECK(a.report["config_hash"] == b.report["config_hash"]);
}
