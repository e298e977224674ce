// `pjsim sweep --shard I/N` and `pjsim merge DIR` without Slurm: shards are disjoint and cover the
// study, a complete merge writes the files a local sweep writes (byte for byte), a partial one
// names the missing shards and exits 3, merging twice changes nothing, and bad --shard values
// are one-line errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "run_pjsim.h"
#include "study_files.h"

using pjsim::testing::read_file;
using pjsim::testing::run_pjsim;
using pjsim::testing::TempDir;
using pjsim::testing::write_text;

namespace {

const char* const kStudy = pjsim::testing::kTinySixPointStudy;

std::set<std::string> shard_ids(const std::string& table) {
  std::set<std::string> ids;
  const auto json = nlohmann::json::parse(read_file(table));
  for (const auto& p : json["points"]) ids.insert(p["id"].get<std::string>());
  return ids;
}

std::size_t count_lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("shards 0/2 and 1/2 are disjoint, cover the study, and merge into a local sweep's files", "[sim][studies][shard]") {
  TempDir dir;
  const std::string study = write_text(dir / "tiny6.yaml", kStudy);
  const std::string out = dir / "sharded";
  for (const char* shard : {"0/2", "1/2"}) {
    const auto r = run_pjsim({"sweep", study, "--shard", shard, "-j", "2", "--out", out, "--quiet"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find(std::string("shard ") + shard + ": 3 of 6 points, 3 ok") != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(out + "/results.csv"));  // shards leave the study's table to merge
  CHECK_FALSE(std::filesystem::exists(out + "/report.html"));
  const auto even = shard_ids(out + "/shards/shard-0-of-2.json");
  const auto odd = shard_ids(out + "/shards/shard-1-of-2.json");
  CHECK(even == std::set<std::string>{"p000", "p002", "p004"});
  CHECK(odd == std::set<std::string>{"p001", "p003", "p005"});
  const auto manifest = nlohmann::json::parse(read_file(out + "/shards/manifest.json"));
  CHECK(manifest["shards"] == 2);
  CHECK(manifest["source"] == std::filesystem::path(study).lexically_normal().string());

  const auto merged = run_pjsim({"merge", out});
  INFO(merged.out << merged.err);
  REQUIRE(merged.exit_code == 0);
  CHECK(merged.out.find("merge tiny6: 6 points, 6 ok") != std::string::npos);
  CHECK(merged.err.find("missing") == std::string::npos);

  const std::string local = dir / "local";
  const auto sweep = run_pjsim({"sweep", study, "-j", "2", "--out", local, "--quiet"});
  REQUIRE(sweep.exit_code == 0);
  for (const char* file : {"/results.csv", "/results.json", "/report.html"}) {
    INFO(file);
    CHECK(read_file(out + file) == read_file(local + file));
  }

  const std::string csv = read_file(out + "/results.csv"), json = read_file(out + "/results.json"),
                    html = read_file(out + "/report.html");
  const auto again = run_pjsim({"merge", out, "--quiet"});
  CHECK(again.exit_code == 0);
  CHECK(read_file(out + "/results.csv") == csv);  // idempotent
  CHECK(read_file(out + "/results.json") == json);
  CHECK(read_file(out + "/report.html") == html);
}

TEST_CASE("merge of a partial set of shards marks the missing points, names their shards and exits 3", "[sim][studies][shard]") {
  TempDir dir;
  const std::string study = write_text(dir / "tiny6.yaml", kStudy);
  const std::string out = dir / "out";
  REQUIRE(run_pjsim({"sweep", study, "--shard", "0/3", "--out", out, "--quiet"}).exit_code == 0);

  const auto partial = run_pjsim({"merge", out, "--quiet"});
  INFO(partial.out << partial.err);
  CHECK(partial.exit_code == 3);
  CHECK(partial.err == "merge: 4 of 6 points missing (shards 1/3, 2/3 not finished)\n");
  const auto results = nlohmann::json::parse(read_file(out + "/results.json"));
  REQUIRE(results["points"].size() == 6);
  for (const auto& p : results["points"]) {
    const std::string id = p["id"];
    if (id == "p000" || id == "p003") {
      CHECK(p["status"] == "ok");
    } else {
      CHECK(p["status"] == "not run");
      const std::string shard = (id == "p001" || id == "p004") ? "1/3" : "2/3";
      CHECK(p["error"].get<std::string>().find("shard " + shard + " has not finished") != std::string::npos);
    }
  }
  CHECK(count_lines(read_file(out + "/results.csv")) == 7);

  // A table that does not parse counts as absent, with a warning.
  write_text(out + "/shards/shard-1-of-3.json", "{\"points\": [");
  const auto garbled = run_pjsim({"merge", out, "--quiet"});
  CHECK(garbled.exit_code == 3);
  CHECK(garbled.err.find("shard-1-of-3.json is not a shard table") != std::string::npos);
  CHECK(garbled.err.find("merge: 4 of 6 points missing (shards 1/3, 2/3 not finished)\n") != std::string::npos);

  // A shard whose table is gone but whose point reports remain still counts (as reused points);
  // without the reports its points are missing again.
  REQUIRE(run_pjsim({"sweep", study, "--shard", "1/3", "--out", out, "--quiet"}).exit_code == 0);
  REQUIRE(run_pjsim({"sweep", study, "--shard", "2/3", "--out", out, "--quiet"}).exit_code == 0);
  CHECK(run_pjsim({"merge", out, "--quiet"}).exit_code == 0);
  std::filesystem::remove(out + "/shards/shard-2-of-3.json");
  const auto from_reports = run_pjsim({"merge", out});
  CHECK(from_reports.exit_code == 0);
  CHECK(from_reports.out.find("6 ok (4 simulated, 2 reused)") != std::string::npos);
  std::filesystem::remove_all(out + "/points/p002");
  const auto one_missing = run_pjsim({"merge", out, "--quiet"});
  CHECK(one_missing.exit_code == 3);
  CHECK(one_missing.err == "merge: 1 of 6 points missing (shard 2/3 not finished)\n");

  // Running the shard again (with --resume: only p002 is simulated) completes the study.
  const auto rerun = run_pjsim({"sweep", study, "--shard", "2/3", "--out", out, "--resume", "--quiet"});
  CHECK(rerun.out.find("1 simulated, 1 reused") != std::string::npos);
  CHECK(run_pjsim({"merge", out, "--quiet"}).exit_code == 0);

  // The study changed since the shards ran: their rows and reports hold other configurations.
  std::string changed = kStudy;
  changed.replace(changed.find("context_tokens: 64"), 18, "context_tokens: 128");
  write_text(study, changed);
  const auto stale = run_pjsim({"merge", out, "--quiet"});
  CHECK(stale.exit_code == 3);
  CHECK(stale.err == "merge: 6 of 6 points missing (shards 0/3, 1/3, 2/3 not finished)\n");
  CHECK(read_file(out + "/results.csv").find("has no row for this configuration") != std::string::npos);
  // ... or it was renamed: the shards ran another study.
  changed.replace(changed.find("study: tiny6"), 12, "study: other");
  write_text(study, changed);
  const auto renamed = run_pjsim({"merge", out, "--quiet"});
  CHECK(renamed.exit_code == 2);
  CHECK(renamed.err.find("is now named 'other', but the shards in " + out + " ran study 'tiny6'") != std::string::npos);
}

TEST_CASE("merge keeps invalid points as a local sweep does: an error row, or a skipped row with skip_invalid", "[sim][studies][shard]") {
  for (const bool skip : {false, true}) {
    TempDir dir;
    const std::string study = write_text(dir / "invalid.yaml", std::string(R"(study: invalid
base: default
set: {workload.model: tiny-llama, workload.context_tokens: 64}
axes:
  workload.batch: [1, 0, 4]
skip_invalid: )") + (skip ? "true" : "false") + "\n");
    const std::string out = dir / "out", local = dir / "local";
    for (const char* shard : {"0/2", "1/2"}) run_pjsim({"sweep", study, "--shard", shard, "--out", out, "--quiet"});
    const auto merged = run_pjsim({"merge", out, "--quiet"});
    const auto sweep = run_pjsim({"sweep", study, "--out", local, "--quiet"});
    INFO("skip_invalid " << skip << merged.out << merged.err);
    CHECK(merged.exit_code == sweep.exit_code);
    CHECK(merged.exit_code == (skip ? 0 : 3));
    CHECK(merged.err.find("missing") == std::string::npos);
    CHECK(read_file(out + "/results.csv") == read_file(local + "/results.csv"));
    CHECK(count_lines(read_file(out + "/results.csv")) == 4u);
    CHECK(read_file(out + "/results.csv").find(skip ? "\np001,skipped," : "\np001,error,") != std::string::npos);
  }
}

TEST_CASE("a malformed --shard, or merge of a folder without shards, is a one-line error with exit 2", "[sim][studies][shard]") {
  TempDir dir;
  const std::string study = write_text(dir / "tiny6.yaml", kStudy);
  for (const char* bad : {"5/4", "4/4", "a/b", "0/0", "1", "-1/2", "1/2/3", "/2", " 1/2"}) {
    const auto r = run_pjsim({"sweep", study, std::string("--shard=") + bad, "--out", dir / "out"});
    INFO(bad << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("error: --shard: '", 0) == 0);
    CHECK(count_lines(r.err) == 1);
  }
  CHECK_FALSE(std::filesystem::exists(dir / "out"));

  const auto merge = run_pjsim({"merge", dir / "nothing"});
  CHECK(merge.exit_code == 2);
  CHECK(merge.err.find("no shard manifest") != std::string::npos);
  CHECK(count_lines(merge.err) == 1);
}
