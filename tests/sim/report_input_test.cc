// Reports read back (pjsim diff, pjsim reprice, sweep --resume, pjsim merge) are checked before
// use: regular files of bounded size, JSON of bounded depth without duplicate keys, this schema's
// major version, the headline figures as numbers (sim/study/report_file.h). Each hostile input of
// issue 17 gets one located line and exit 2, or, for --resume and merge, counts as corrupt or
// missing: never a crash, a hang, or a row "ok" with 0.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "run_pjsim.h"
#include "sim/config/errors.h"
#include "sim/study/report_file.h"
#include "study_files.h"

using pjsim::testing::read_file;
using pjsim::testing::run_pjsim;
using pjsim::testing::TempDir;
using pjsim::testing::write_text;

namespace {

std::string problem_of(const std::string& path) {
  nlohmann::json report;
  return pjsim::sim::report_file_problem(path, report);
}

// A small real report, once per test binary.
const nlohmann::json& good_report() {
  static const nlohmann::json report = [] {
    const auto run = run_pjsim({"run", "--quiet", "--set", "workload.model=tiny-llama", "--set", "workload.context_tokens=64"});
    REQUIRE(run.exit_code == 0);
    return run.report;
  }();
  return report;
}

bool one_line(const std::string& text) { return !text.empty() && text.find('\n') == text.size() - 1; }

}  // namespace

TEST_CASE("reports read back are bounded, of this schema, and carry their figures as numbers", "[errors]") {
  TempDir dir;
  CHECK(problem_of(write_text(dir / "good.json", good_report().dump())) == "");
  CHECK_THAT(problem_of(write_text(dir / "deep.json", std::string(100000, '[') + std::string(100000, ']'))),
             Catch::Contains("JSON nested more than 64 levels deep"));
  CHECK_THAT(problem_of(write_text(dir / "null.json", "null")), Catch::Contains("not a pjsim report"));
  CHECK_THAT(problem_of(write_text(dir / "list.json", "[]")), Catch::Contains("not a pjsim report"));
  CHECK_THAT(problem_of(write_text(dir / "empty.json", "{}")), Catch::Contains("schema_version: missing"));
  nlohmann::json old = good_report();
  old["schema_version"] = "0.9";
  CHECK_THAT(problem_of(write_text(dir / "old.json", old.dump())), Catch::Contains("\"0.9\" is another major version"));
  nlohmann::json null_figure = good_report();
  null_figure["energy_pj"]["total"] = nullptr;
  CHECK_THAT(problem_of(write_text(dir / "nullfig.json", null_figure.dump())),
             Catch::Contains("energy_pj.total: not a number (null)"));
  nlohmann::json text_figure = good_report();
  text_figure["tokens"]["per_second"] = "fast";
  CHECK_THAT(problem_of(write_text(dir / "textfig.json", text_figure.dump())),
             Catch::Contains("tokens.per_second: not a number (string)"));
  CHECK_THAT(problem_of(write_text(dir / "dup.json", R"({"schema_version": "1.0", "schema_version": "1.2"})")),
             Catch::Contains("duplicate key 'schema_version'"));
  CHECK_THAT(problem_of(write_text(dir / "nul.json", std::string("{\"a\": 1}") + std::string(64, '\0'))),
             Catch::Contains("malformed JSON"));
  // Not regular files: a FIFO would block the reader, /dev/zero would never end.
  const std::string fifo = dir / "fifo.json";
  REQUIRE(mkfifo(fifo.c_str(), 0644) == 0);
  CHECK_THAT(problem_of(fifo), Catch::Contains("cannot read file"));
  std::filesystem::create_symlink("/dev/zero", dir / "zero.json");
  CHECK_THAT(problem_of(dir / "zero.json"), Catch::Contains("cannot read file"));
}

TEST_CASE("diff and reprice refuse what is not a report of this schema with one line and exit 2", "[errors]") {
  TempDir dir;
  const std::string good = write_text(dir / "good.json", good_report().dump());
  const std::string deep = write_text(dir / "deep.json", std::string(100000, '[') + std::string(100000, ']'));
  const std::string null_json = write_text(dir / "null.json", "null");
  const std::string list = write_text(dir / "list.json", "[]");
  const std::string object = write_text(dir / "object.json", "{}");
  nlohmann::json text_figure = good_report();
  text_figure["energy_pj"]["total"] = "much";
  const std::string strings = write_text(dir / "strings.json", text_figure.dump());
  for (const auto& args : std::vector<std::vector<std::string>>{{"diff", deep, deep},
                                                                  {"diff", null_json, null_json},
                                                                  {"diff", list, object},
                                                                  {"diff", good, object},
                                                                  {"reprice", null_json, "-t", "horowitz-45nm"},
                                                                  {"reprice", list, "-t", "horowitz-45nm"},
                                                                  {"reprice", deep, "-t", "horowitz-45nm"},
                                                                  {"reprice", strings, "-t", "horowitz-45nm"}}) {
    const auto r = run_pjsim(args);
    INFO(args[0] << " " << args[1] << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK_THAT(r.err, Catch::StartsWith("error: " + dir.str()));
  }
}

TEST_CASE("sweep resume over a FIFO, a link to /dev/zero or a report with null figures simulates the point again",
          "[errors][studies]") {
  TempDir dir;
  const std::string study = write_text(dir / "s.yaml", pjsim::testing::kTinySixPointStudy);
  const std::string out = dir / "out";
  REQUIRE(run_pjsim({"sweep", study, "-j", "2", "--out", out, "--quiet"}).exit_code == 0);
  std::filesystem::remove(out + "/points/p000/report.json");
  REQUIRE(mkfifo((out + "/points/p000/report.json").c_str(), 0644) == 0);
  std::filesystem::remove(out + "/points/p001/report.json");
  std::filesystem::create_symlink("/dev/zero", out + "/points/p001/report.json");
  nlohmann::json nulled = nlohmann::json::parse(read_file(out + "/points/p002/report.json"));
  nulled["tokens"]["energy_pj_per_token"] = nullptr;
  write_text(out + "/points/p002/report.json", nulled.dump());
  const auto r = run_pjsim({"sweep", study, "-j", "2", "--out", out, "--quiet", "--resume"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const auto results = nlohmann::json::parse(read_file(out + "/results.json"));
  CHECK(results["summary"]["simulated"] == 3);
  CHECK(results["summary"]["resumed"] == 3);
  for (const char* id : {"p000", "p001", "p002"}) CHECK(r.err.find(std::string(id) + ": resume:") != std::string::npos);
}

TEST_CASE("merge refuses a manifest with a negative shard count and ignores reports that are not whole", "[errors][studies]") {
  TempDir dir;
  const std::string out = dir / "out";
  write_text(out + "/shards/manifest.json", R"({"study": "s", "source": "s.yaml", "shards": -1})");
  const auto r = run_pjsim({"merge", out});
  CHECK(r.exit_code == 2);
  CHECK(one_line(r.err));
  CHECK_THAT(r.err, Catch::Contains("shards: expected a whole number of shards in 1..1000000, got -1"));
}
