// Command-line values checked before anything runs (sim/cli/cli_checks.h, issue 17 items 12, 14,
// 23, 24): empty names, zero jobs, non-finite or negative timeouts, unknown or missing commands and
// values with control characters each give one line starting "error:", exit 2, and the valid
// choices where there are some.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "run_pjsim.h"
#include "study_files.h"

using pjsim::testing::run_pjsim;

namespace {

bool one_error_line(const std::string& err) {
  return err.rfind("error: ", 0) == 0 && err.find('\n') == err.size() - 1;
}

}  // namespace

TEST_CASE("empty arguments name nothing and are refused instead of running the default", "[sim][errors]") {
  const std::vector<std::vector<std::string>> cases = {
      {"run", ""},          {"run", "--arch", ""},       {"run", "--workload", ""}, {"run", "--out", ""},
      {"validate", ""},     {"sweep", ""},               {"sweep", "--out", ""},    {"merge", ""},
      {"diff", "", "x"},    {"reprice", "", "-t", "x"},  {"compare", ""},
  };
  for (const auto& args : cases) {
    INFO(args.front() << " with an empty value");
    const auto run = run_pjsim(args);
    CHECK(run.exit_code == 2);
    CHECK(one_error_line(run.err));
    CHECK(run.err.find("empty value") != std::string::npos);
  }
}

TEST_CASE("job counts and timeouts out of range are refused in one short line", "[sim][errors]") {
  const std::vector<std::vector<std::string>> cases = {
      {"sweep", "-j", "0"},           {"sweep", "-j", "-3"},         {"sweep", "-j", "99999999999999999999"},
      {"compare", "x", "-j", "0"},    {"sweep", "--timeout", "nan"}, {"sweep", "--timeout", "-1"},
      {"sweep", "--timeout", "inf"},  {"sweep", "--timeout", "0"},   {"sweep", "--tasks", "0"},
  };
  for (const auto& args : cases) {
    INFO(args[1] << " " << args[2]);
    const auto run = run_pjsim(args);
    CHECK(run.exit_code == 2);
    CHECK(one_error_line(run.err));
    CHECK(run.err.size() < 200);  // not CLI11's 300-digit range of a double
  }
}

TEST_CASE("an unknown or missing command lists the valid ones", "[sim][errors]") {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"bogus"}, std::vector<std::string>{}}) {
    const auto run = run_pjsim(args);
    CHECK(run.exit_code == 2);
    CHECK(one_error_line(run.err));
    CHECK(run.err.find("valid commands: run, serve, validate") != std::string::npos);
  }
  CHECK(run_pjsim({"bogus"}).err.find("'bogus' is not a command") != std::string::npos);
  const auto help = run_pjsim({"--help"});
  CHECK(help.exit_code == 0);
}

TEST_CASE("a Slurm partition with a newline is one escaped line, exit 2", "[sim][errors]") {
  const auto run = run_pjsim({"sweep", "--slurm", "--dry-run", "--partition", "a\nb"});
  CHECK(run.exit_code == 2);
  CHECK(one_error_line(run.err));
  CHECK(run.err.find("--partition") != std::string::npos);
}

TEST_CASE("a folder given to --arch or --workload is called a folder, not an unknown preset", "[sim][errors]") {
  pjsim::testing::TempDir dir;
  const std::string folder = dir / "presets";
  std::filesystem::create_directories(folder);
  for (const char* option : {"--arch", "--workload"}) {
    const auto run = run_pjsim({"run", option, folder});
    INFO(option);
    CHECK(run.exit_code == 2);
    CHECK(run.err == "error: " + folder + ": is a folder; " + option + " takes a preset name or a YAML file (pjsim list)\n");
  }
}
