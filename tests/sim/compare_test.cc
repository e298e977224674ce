// `pjsim compare`: attribution of deltas to features.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "run_pjsim.h"
#include "study_files.h"

using pjsim::testing::read_file;
using pjsim::testing::run_pjsim;
using pjsim::testing::TempDir;
using pjsim::testing::write_text;

namespace {

const char* kStudy = R"(study: cmp
base: default
set: {workload.model: tiny-llama, workload.context_tokens: 64}
compare:
  candidates:
    - name: itself
      set: {workload.batch: 16}
    - name: batch8
      set: {workload.batch: 8}
    - name: two
      set: {workload.batch: 8, workload.precision.weights: int8, arch.core.sram.capacity: "32 MiB"}
      features: {smaller-batch: [workload.batch], int8-and-sram: [workload.precision.weights, arch.core.sram.capacity]}
)";

}  // namespace

TEST_CASE("compare attributes zero to a baseline against itself and the whole delta to a single feature",
          "[sim][studies]") {
  TempDir dir;
  const std::string study = write_text(dir / "cmp.yaml", kStudy);
  const auto run = run_pjsim({"compare", study, "--out", dir / "out", "-j", "2"});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  const auto a = nlohmann::json::parse(read_file(dir / "out/compare.json"));
  REQUIRE(a["candidates"].size() == 3);

  const auto& itself = a["candidates"][0];
  for (const auto& [metric, delta] : itself["delta"].items()) CHECK(delta.get<double>() == 0);
  REQUIRE(itself["features"].size() == 1);
  for (const auto& [metric, v] : itself["features"][0]["sequential"].items()) CHECK(v.get<double>() == 0);
  for (const auto& [metric, v] : itself["features"][0]["alone"].items()) CHECK(v.get<double>() == 0);

  const auto& one = a["candidates"][1];
  REQUIRE(one["features"].size() == 1);
  CHECK(one["delta"]["energy_pj_per_token"].get<double>() != 0);
  for (const auto& [metric, delta] : one["delta"].items()) {
    CHECK(one["features"][0]["sequential"][metric] == delta);
    CHECK(one["features"][0]["alone"][metric] == delta);
    CHECK(one["interaction"][metric].get<double>() == 0);
  }

  const auto& two = a["candidates"][2];
  REQUIRE(two["features"].size() == 2);
  CHECK(two["features"][1]["name"] == "int8-and-sram");
  const double total = two["delta"]["energy_pj_per_token"].get<double>();
  const double seq = two["features"][0]["sequential"]["energy_pj_per_token"].get<double>() +
                     two["features"][1]["sequential"]["energy_pj_per_token"].get<double>();
  CHECK(seq == Approx(total).epsilon(1e-12));
  CHECK(two["interaction"]["energy_pj_per_token"].get<double>() ==
        Approx(total - two["sum_alone"]["energy_pj_per_token"].get<double>()).margin(1e-6 * std::abs(total)));
}

TEST_CASE("compare of two point files: each differing key is a feature, a file against itself has none",
          "[sim][studies]") {
  TempDir dir;
  const std::string base = write_text(dir / "base.yaml", "arch: tpu-v4-like\nworkload: {model: tiny-llama, phase: decode, batch: 4, context_tokens: 64}\n");
  const std::string cand = write_text(dir / "cand.yaml", "arch: tpu-v4-like\nworkload: {model: tiny-llama, phase: decode, batch: 4, context_tokens: 128}\n");
  const auto self = run_pjsim({"compare", base, base, "--out", dir / "self", "-j", "2"});
  REQUIRE(self.exit_code == 0);
  const auto s = nlohmann::json::parse(read_file(dir / "self/compare.json"));
  CHECK(s["candidates"][0]["features"].empty());
  CHECK(s["candidates"][0]["delta"]["energy_pj_per_token"].get<double>() == 0);
  CHECK(self.out.find("every delta is 0") != std::string::npos);

  const auto one = run_pjsim({"compare", base, cand, "--out", dir / "one", "-j", "2"});
  REQUIRE(one.exit_code == 0);
  const auto c = nlohmann::json::parse(read_file(dir / "one/compare.json"));
  REQUIRE(c["candidates"][0]["features"].size() == 1);
  CHECK(c["candidates"][0]["features"][0]["name"] == "workload.context_tokens");
  CHECK(c["candidates"][0]["features"][0]["sequential"]["energy_pj_per_token"] ==
        c["candidates"][0]["delta"]["energy_pj_per_token"]);
}

TEST_CASE("compare keeps both ends when an intermediate step is invalid and marks what it cannot attribute",
          "[sim][studies][errors]") {
  // The larger model alone does not fit the baseline's 2 GiB of HBM: the first sequential step
  // and the model alone fail; the full candidate (larger model and HBM) runs.
  TempDir dir;
  const std::string study = write_text(dir / "steps.yaml", R"(study: steps
base: default
set: {workload.model: tiny-llama, workload.context_tokens: 64, workload.batch: 4, arch.chip.hbm.capacity: "2 GiB"}
compare:
  candidates:
    - name: bigger
      set: {workload.model: llama-3-8b, arch.chip.hbm.capacity: "32 GiB"}
      features: {model: [workload.model], hbm: [arch.chip.hbm.capacity]}
)");
  const auto run = run_pjsim({"compare", study, "--out", dir / "out", "-j", "2"});
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  const auto a = nlohmann::json::parse(read_file(dir / "out/compare.json"));
  const auto& c = a["candidates"][0];
  REQUIRE(c.contains("metrics"));
  CHECK(c["delta"]["energy_pj_per_token"].get<double>() ==
        c["metrics"]["energy_pj_per_token"].get<double>() - a["baseline"]["metrics"]["energy_pj_per_token"].get<double>());
  CHECK(c["features"][0]["sequential"].is_null());
  CHECK(c["features"][0]["alone"].is_null());
  CHECK(c["features"][0].contains("error"));
  CHECK(c["features"][1]["sequential"].is_null());  // the step before it did not run
  CHECK(c["features"][1]["alone"].is_object());
  CHECK(c["unattributed"].size() == 2);
  CHECK_FALSE(c.contains("sum_alone"));
  CHECK(run.out.find("could not be attributed") != std::string::npos);
  CHECK(read_file(dir / "out/report.html").find("not attributed") != std::string::npos);
}
