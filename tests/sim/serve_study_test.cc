// Studies of served points (`command: serve`, docs/serving.md#studies, issue 15): a sweep runs
// `pjsim serve` per point on tiny-llama with small generated streams, its table and page carry
// the serving figures, --resume and merge go by serve_hash, compare attributes them, diff reads
// serve.json, and the embedded serving studies load without running.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "run_pjsim.h"
#include "serving/stream_spec.h"
#include "sim/config/load.h"
#include "sim/run/plan.h"
#include "sim/study/spec.h"
#include "study_files.h"

using pjsim::testing::read_file;
using pjsim::testing::run_pjsim;
using pjsim::testing::TempDir;
using pjsim::testing::write_text;

namespace {

// 2 rates x 2 batching policies of the same 12-request stream shape (seed 1): 4 served points.
const char* kServeStudy = R"(study: tiny-serve
command: serve
base: default
set:
  workload.model: tiny-llama
  serving.requests.count: 12
  serving.requests.prompt.distribution: fixed
  serving.requests.prompt.tokens: 64
  serving.requests.output.distribution: fixed
  serving.requests.output.tokens: 8
axes:
  serving.requests.rate: [5, 50]
  serving.batching: [continuous, static]
)";

nlohmann::json json_file(const std::string& path) { return nlohmann::json::parse(read_file(path)); }

}  // namespace

TEST_CASE("a sweep of served points runs pjsim serve per point and tabulates its serving figures", "[sim][studies][serve]") {
  TempDir dir;
  const std::string study = write_text(dir / "s.yaml", kServeStudy);
  const std::string out = dir / "out";
  const auto first = run_pjsim({"sweep", study, "-j", "2", "--out", out});
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("TPOT p99") != std::string::npos);  // the console table of served points

  const auto results = json_file(out + "/results.json");
  REQUIRE(results["points"].size() == 4);
  std::set<std::string> hashes;
  for (const auto& p : results["points"]) {
    REQUIRE(p["status"] == "ok");
    CHECK(p["report"] == "points/" + p["id"].get<std::string>() + "/serve.json");
    const auto serve = json_file(out + "/" + p["report"].get<std::string>());
    const auto& m = serve["metrics"];
    const auto& s = p["metrics"]["serving"];
    // The table's figures are serve.json's, and J per output token is the replay's energy over its output tokens.
    CHECK(s["energy_per_output_token_joules"] == m["energy_per_token_joules"]);
    CHECK(m["energy_per_token_joules"].get<double>() ==
          Approx(serve["energy_joules"]["total"].get<double>() / m["total_output_tokens"].get<double>()).epsilon(1e-12));
    CHECK(m["total_output_tokens"].get<double>() == 12 * 8);
    CHECK(s["p99_tpot_ms"] == m["p99_tpot_ms"]);
    CHECK(s["median_ttft_ms"] == m["median_ttft_ms"]);
    CHECK(s["goodput_requests_per_second"] == m["goodput_requests_per_sec"]);
    CHECK(p["metrics"]["tokens_per_second"] == m["output_throughput_tokens_per_sec"]);
    CHECK(s["p99_tpot_ms"].get<double>() >= s["median_tpot_ms"].get<double>());
    // The hash covers the serving keys: points differing only in serving.* differ.
    CHECK(p["config_hash"] == serve["serve_hash"]);
    hashes.insert(p["config_hash"].get<std::string>());
  }
  CHECK(hashes.size() == 4);
  const std::string csv = read_file(out + "/results.csv");
  for (const char* column : {"energy_per_output_token_joules", "p99_tpot_ms", "median_ttft_ms", "goodput_requests_per_second"})
    CHECK(csv.find(column) != std::string::npos);
  const std::string html = read_file(out + "/report.html");
  CHECK(html.find("chart-serve-frontier") != std::string::npos);
  CHECK(html.find("points/p000/serve.html") != std::string::npos);

  SECTION("--resume reuses every served point; changing one rate simulates only its points") {
    const auto again = run_pjsim({"sweep", study, "-j", "2", "--out", out, "--resume"});
    INFO(again.out << again.err);
    REQUIRE(again.exit_code == 0);
    CHECK(again.out.find("4 ok (0 simulated, 4 reused)") != std::string::npos);
    std::string changed = kServeStudy;
    changed.replace(changed.find("[5, 50]"), 7, "[5, 40]");
    write_text(study, changed);
    const auto third = run_pjsim({"sweep", study, "-j", "2", "--out", out, "--resume"});
    INFO(third.out << third.err);
    REQUIRE(third.exit_code == 0);
    CHECK(third.out.find("4 ok (2 simulated, 2 reused)") != std::string::npos);
  }
  SECTION("diff reads serve.json: a folder against itself passes, two rates differ on the serving metrics") {
    CHECK(run_pjsim({"diff", out, out}).exit_code == 0);
    const auto moved = run_pjsim({"diff", out + "/points/p000", out + "/points/p002"});
    INFO(moved.out << moved.err);
    CHECK(moved.exit_code == 1);
    CHECK(moved.out.find("metrics.energy_per_token_joules") != std::string::npos);
    // A tolerance file for CI: ignore what a rate changes by design, accept 100 % on the rest.
    const std::string tol = write_text(dir / "tol.yaml", "tolerances:\n  - {path: \"*\", relative: 1}\nignore: [\"config.*\", \"name\", \"requests_from\", \"time_series.*\"]\n");
    const auto tolerant = run_pjsim({"diff", out + "/points/p000/serve.json", out + "/points/p002/serve.json", "--tolerances", tol});
    INFO(tolerant.out << tolerant.err);
    CHECK(tolerant.exit_code == 0);
  }
}

TEST_CASE("a sharded sweep of served points merges from serve.json", "[sim][studies][serve]") {
  TempDir dir;
  const std::string study = write_text(dir / "s.yaml", kServeStudy);
  const std::string out = dir / "out";
  for (const char* shard : {"0/2", "1/2"}) {
    const auto r = run_pjsim({"sweep", study, "--shard", shard, "-j", "2", "--out", out, "--quiet"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
  }
  const auto merged = run_pjsim({"merge", out, "--quiet"});
  INFO(merged.out << merged.err);
  REQUIRE(merged.exit_code == 0);
  const auto results = json_file(out + "/results.json");
  REQUIRE(results["points"].size() == 4);
  for (const auto& p : results["points"]) {
    CHECK(p["status"] == "ok");
    CHECK(p["metrics"].contains("serving"));
  }
}

TEST_CASE("compare attributes a serving feature's effect on J per output token and p99 TPOT at the same load",
          "[sim][studies][serve]") {
  TempDir dir;
  const std::string study = write_text(dir / "c.yaml", R"(study: tiny-serve-compare
command: serve
base: default
set:
  workload.model: tiny-llama
  serving.requests.count: 12
  serving.requests.rate: 1000000
  serving.requests.prompt.distribution: fixed
  serving.requests.prompt.tokens: 64
  serving.requests.output.distribution: fixed
  serving.requests.output.tokens: 8
compare:
  candidates:
    - name: one-at-a-time
      set: {serving.max_num_seqs: 1}
)");
  const auto r = run_pjsim({"sweep", study, "-j", "2", "--out", dir / "out"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("serving, at the same load") != std::string::npos);
  const auto c = json_file(dir / "out/compare.json");
  const auto& base = c["baseline"]["metrics"];
  const auto& cand = c["candidates"][0];
  for (const char* m : {"energy_per_output_token_joules", "p99_tpot_ms", "p99_ttft_ms"}) {
    INFO(m);
    // One feature: its sequential contribution is the whole delta, exactly.
    CHECK(cand["features"][0]["sequential"][m].get<double>() == cand["metrics"][m].get<double>() - base[m].get<double>());
    CHECK(cand["delta"][m] == cand["features"][0]["sequential"][m]);
  }
  // One sequence at a time queues the others: the p99 time to first token grows.
  CHECK(cand["metrics"]["p99_ttft_ms"].get<double>() > base["p99_ttft_ms"].get<double>());
}

TEST_CASE("study files of served points are validated strictly", "[sim][studies][serve]") {
  TempDir dir;
  const auto bad_command = run_pjsim({"sweep", write_text(dir / "a.yaml", "study: a\ncommand: srve\naxes: {workload.batch: [1]}\n"),
                                      "--out", dir / "a"});
  CHECK(bad_command.exit_code == 2);
  CHECK(bad_command.err.find("a.yaml:2:10: command: \"srve\" is not run or serve") != std::string::npos);
  const auto serving_axis = run_pjsim({"sweep", write_text(dir / "b.yaml", "study: b\naxes:\n  serving.requests.rate: [1, 2]\n"),
                                       "--out", dir / "b"});
  CHECK(serving_axis.exit_code == 2);
  CHECK(serving_axis.err.find("b.yaml:3:3: serving.requests.rate: serving keys vary only served points") != std::string::npos);
}

TEST_CASE("the embedded serving studies load, resolve their traces and validate every point", "[sim][studies][serve]") {
  for (const auto& [name, points] : {std::pair<std::string, std::size_t>{"serving", 6}, {"serving-mooncake", 2}}) {
    INFO(name);
    const pjsim::sim::StudySpec s = pjsim::sim::load_study(name);
    CHECK(s.command == "serve");
    const auto expanded = pjsim::sim::expand_points(s);
    REQUIRE(expanded.size() == points);
    for (const auto& p : expanded) {
      pjsim::sim::LoadRequest load;
      load.point_file = s.base;
      load.sets = pjsim::sim::to_sets(s.base_set);
      for (const auto& set : pjsim::sim::to_sets(p.settings)) load.sets.push_back(set);
      const pjsim::sim::DesignPoint point = pjsim::sim::load_valid_point(load);
      const auto& stream = point.serving.stream;
      REQUIRE(stream.source == pjsim::serving::StreamSource::trace);
      CHECK(std::filesystem::path(stream.trace.path).is_absolute());
      CHECK(std::filesystem::exists(stream.trace.path));  // resolved against the source tree's studies/
      auto requests = pjsim::serving::open_requests(stream);
      CHECK(requests->next().has_value());
    }
  }
}
