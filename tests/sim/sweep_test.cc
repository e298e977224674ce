// `pjsim sweep`: a 48-point study with one invalid point, its results table, --resume, and
// strict study files.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "run_pjsim.h"
#include "study_files.h"

using pjsim::testing::read_file;
using pjsim::testing::run_pjsim;
using pjsim::testing::TempDir;
using pjsim::testing::write_text;

namespace {

// 6 batches x 2 precisions x 4 contexts = 48, one filtered (47), plus one invalid extra point.
const char* kStudy = R"(study: tiny48
description: "tiny-llama batch x weights x context, one filtered and one invalid point"
base: default
set: {workload.model: tiny-llama}
axes:
  workload.batch: [1, 2, 4, 8, 16, 32]
  workload.precision.weights: [bf16, int8]
  workload.context_tokens: [32, 64, 128, 256]
filters:
  - skip_if: {workload.batch: 32, workload.precision.weights: int8, workload.context_tokens: 256}
points:
  - {workload.batch: 0}
)";

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("a 48-point sweep with one invalid point records 47 reports and one error, --resume simulates nothing",
          "[sim][studies]") {
  TempDir dir;
  const std::string study = write_text(dir / "tiny48.yaml", kStudy);
  const std::string out = dir / "out";
  const auto first = run_pjsim({"sweep", study, "-j", "2", "--out", out, "--quiet"});
  INFO(first.out << first.err);
  CHECK(first.exit_code == 3);  // some point failed

  const auto results = nlohmann::json::parse(read_file(out + "/results.json"));
  REQUIRE(results["points"].size() == 48);
  std::size_t reports = 0, errors = 0;
  for (const auto& p : results["points"]) {
    if (p["status"] == "ok") {
      ++reports;
      CHECK(std::filesystem::exists(out + "/" + p["report"].get<std::string>()));
      CHECK(p["metrics"]["energy_pj_per_token"].get<double>() > 0);
    } else {
      ++errors;
      CHECK(p["status"] == "error");
      CHECK(p["settings"]["workload.batch"] == 0);  // numbers as numbers
      CHECK(p["error"].get<std::string>().find("workload.batch") != std::string::npos);
      CHECK(std::filesystem::exists(out + "/points/" + p["id"].get<std::string>() + "/log.txt"));
    }
  }
  CHECK(reports == 47);
  CHECK(errors == 1);
  CHECK(results["summary"]["simulated"] == 47);
  CHECK(lines(read_file(out + "/results.csv")) == 49);  // header + 48 rows
  CHECK(std::filesystem::exists(out + "/report.html"));
  CHECK(std::filesystem::exists(out + "/points/p000/log.txt"));

  const auto again = run_pjsim({"sweep", study, "-j", "2", "--out", out, "--resume"});
  CHECK(again.exit_code == 3);
  const auto resumed = nlohmann::json::parse(read_file(out + "/results.json"));
  CHECK(resumed["points"].size() == 48);
  CHECK(resumed["summary"]["simulated"] == 0);
  CHECK(resumed["summary"]["resumed"] == 47);
  CHECK(again.out.find("0 simulated, 47 reused") != std::string::npos);
}

TEST_CASE("a sweep whose points all run exits 0 and ids follow the product order", "[sim][studies]") {
  TempDir dir;
  const std::string study = write_text(dir / "s.yaml", "study: s\nset: {workload.model: tiny-llama, workload.context_tokens: 64}\n"
                                                       "zip:\n  - {workload.batch: [1, 4], workload.steps: [1, 2]}\n");
  const auto run = run_pjsim({"sweep", study, "--out", dir / "out", "-j", "2", "--quiet"});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  const auto results = nlohmann::json::parse(read_file(dir / "out/results.json"));
  REQUIRE(results["points"].size() == 2);
  CHECK(results["points"][1]["id"] == "p001");
  CHECK(results["points"][1]["settings"]["workload.steps"] == 2);  // numbers as numbers
}

TEST_CASE("study files are strict: unknown keys are one-line located errors, exit 2", "[sim][studies][errors]") {
  TempDir dir;
  const auto check = [&](const std::string& text, const std::string& expected) {
    const std::string study = write_text(dir / "bad.yaml", text);
    const auto run = run_pjsim({"sweep", study, "--out", dir / "out"});
    CHECK(run.exit_code == 2);
    CHECK(run.err == "error: " + study + expected + "\n");
  };
  check("study: x\naxse:\n  workload.batch: [1]\n", ":2:1: axse: unknown study key; did you mean 'axes'?");
  check("study: x\naxes:\n  workload.bacth: [1]\n", ":3:3: workload.bacth: unknown design-point key; did you mean 'batch'?");
  check("study: x\naxes:\n  workload.batch: 4\n", ":3:19: axes.workload.batch: expected a list");
}

TEST_CASE("a study's invalid setting is blamed on the study file's line, not on --set", "[sim][studies][errors]") {
  TempDir dir;
  const std::string study = write_text(dir / "located.yaml", "study: located\nbase: default\n"
                                                             "set: {workload.model: tiny-llama, workload.context_tokens: 64}\n"
                                                             "axes:\n  workload.batch: [1, -2]\n");
  const auto run = run_pjsim({"sweep", study, "-j", "1", "--out", dir / "out", "--quiet"});
  CHECK(run.exit_code == 3);
  CHECK(run.err.find("p001: error: " + study + ":5:23: workload.batch: '-2' is out of range") != std::string::npos);
  const auto results = nlohmann::json::parse(read_file(dir / "out/results.json"));
  bool located = false;
  for (const auto& row : results["points"])
    if (row["id"] == "p001") located = row["error"].get<std::string>().rfind(study + ":5:23:", 0) == 0;
  CHECK(located);
}
