// `pjsim diff` (tolerances, exit codes) and `pjsim reprice` (exact with the same table).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "run_pjsim.h"
#include "study_files.h"

using pjsim::testing::read_file;
using pjsim::testing::run_pjsim;
using pjsim::testing::TempDir;
using pjsim::testing::write_text;

TEST_CASE("diff: a report against itself exits 0, energy raised 2% at a 1% tolerance exits 1 naming it",
          "[sim][studies]") {
  TempDir dir;
  const auto run = run_pjsim({"run", "--quiet", "--set", "workload.model=tiny-llama", "--set", "workload.context_tokens=64"});
  REQUIRE(run.exit_code == 0);
  const std::string old_path = write_text(dir / "old/report.json", run.report_text);

  const auto same = run_pjsim({"diff", old_path, old_path});
  CHECK(same.exit_code == 0);
  CHECK(same.out.find("ok:") != std::string::npos);

  nlohmann::json raised = run.report;
  raised["energy_pj"]["total"] = raised["energy_pj"]["total"].get<double>() * 1.02;
  const std::string new_path = write_text(dir / "new/report.json", raised.dump(2));
  const std::string tolerances = write_text(dir / "tol.yaml", "tolerances:\n  - {path: \"energy_pj.*\", relative: 0.01}\n");
  const auto moved = run_pjsim({"diff", old_path, new_path, "--tolerances", tolerances});
  CHECK(moved.exit_code == 1);
  CHECK(moved.out.find("energy_pj.total") != std::string::npos);
  CHECK(moved.out.find("+2.00%") != std::string::npos);
  CHECK(moved.out.find("FAIL: 1 regression(s), 0 improvement(s)") != std::string::npos);

  const std::string loose = write_text(dir / "loose.yaml", "tolerances:\n  - {path: \"energy_pj.total\", relative: 0.05}\n");
  CHECK(run_pjsim({"diff", old_path, new_path, "--tolerances", loose}).exit_code == 0);
  CHECK(run_pjsim({"diff", old_path, dir / "missing.json"}).exit_code == 2);
  const std::string bad = write_text(dir / "bad.yaml", "tolerances:\n  - {path: \"x\", relativ: 0.05}\n");
  CHECK(run_pjsim({"diff", old_path, new_path, "--tolerances", bad}).exit_code == 2);
}

TEST_CASE("reprice with the report's own technology reproduces it exactly, another table changes only energy",
          "[sim][studies]") {
  TempDir dir;
  const auto run = run_pjsim({"run", "--quiet"});
  REQUIRE(run.exit_code == 0);
  REQUIRE(run.report.contains("ledger"));
  const std::string report = write_text(dir / "r/report.json", run.report_text);

  const auto same = run_pjsim({"reprice", report, "--technology", run.report["technology"], "--out", dir / "same", "-q"});
  REQUIRE(same.exit_code == 0);
  const std::string repriced = read_file(dir / "same/report.json");
  CHECK(repriced == run.report_text);  // byte for byte: the same doubles
  CHECK(nlohmann::json::parse(repriced)["energy_pj"] == run.report["energy_pj"]);

  const auto other = run_pjsim({"reprice", report, "--technology", "horowitz-45nm", "--out", dir / "h45", "-q"});
  REQUIRE(other.exit_code == 0);
  const auto h45 = nlohmann::json::parse(read_file(dir / "h45/report.json"));
  CHECK(h45["technology"] == "horowitz-45nm");
  CHECK(h45["counts"] == run.report["counts"]);
  CHECK(h45["time"] == run.report["time"]);
  CHECK(h45["energy_pj"]["dynamic"] != run.report["energy_pj"]["dynamic"]);
  double sum = 0;
  for (const auto& p : h45["prices"]) sum += p["energy_pj"].get<double>();
  CHECK(sum == Approx(h45["energy_pj"]["dynamic"].get<double>()).epsilon(1e-12));

  CHECK(run_pjsim({"reprice", report, "--technology", "no-such-table", "--out", dir / "x"}).exit_code == 2);
}
