// `pjsim diff` for CI: --json, --junit, --markdown, --fail-on; tolerance files that ignore
// figures and rename points; and bad input (another schema major version, a truncated report,
// an unknown key or a bad glob in a tolerance file): one located line, exit 2.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "run_pjsim.h"
#include "study_files.h"

using pjsim::testing::read_file;
using pjsim::testing::run_pjsim;
using pjsim::testing::TempDir;
using pjsim::testing::write_text;

namespace {

bool one_line(const std::string& text) { return !text.empty() && text.find('\n') == text.size() - 1; }

}  // namespace

TEST_CASE("diff speaks CI: JSON, JUnit and Markdown agree, improvements pass with --fail-on regression", "[sim][studies]") {
  TempDir dir;
  const auto run = run_pjsim({"run", "--quiet", "--no-html", "--set", "workload.model=tiny-llama", "--set", "workload.context_tokens=64"});
  REQUIRE(run.exit_code == 0);
  const std::string old_path = write_text(dir / "old/report.json", run.report_text);
  nlohmann::json better = run.report;
  better["metrics"]["energy_per_token_joules"] = better["metrics"]["energy_per_token_joules"].get<double>() * 0.9;
  const std::string new_path = write_text(dir / "new/report.json", better.dump(2));

  const auto json = run_pjsim({"diff", old_path, new_path, "--json", "--junit", dir / "diff.xml"});
  CHECK(json.exit_code == 1);  // strict by default: a golden must not move either way
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j["verdict"] == "fail");
  REQUIRE(j["rows"].size() == 1);
  CHECK(j["rows"][0]["figure"] == "metrics.energy_per_token_joules");
  CHECK(j["rows"][0]["verdict"] == "improvement");
  CHECK(j["rows"][0]["relative_change"].get<double>() == Approx(-0.1));
  const std::string junit = read_file(dir / "diff.xml");
  CHECK(junit.find("<testcase classname=\"pjsim.diff\" name=\"metrics.energy_per_token_joules\"><failure") != std::string::npos);

  const auto lenient = run_pjsim({"diff", old_path, new_path, "--fail-on", "regression", "--markdown"});
  CHECK(lenient.exit_code == 0);
  CHECK(lenient.out.rfind("### pjsim diff: pass", 0) == 0);
  CHECK(lenient.out.find("| improvement |") != std::string::npos);

  const std::string ignore = write_text(dir / "ignore.yaml", "ignore: [\"metrics.*\"]\n");
  CHECK(run_pjsim({"diff", old_path, new_path, "--tolerances", ignore}).exit_code == 0);
}

TEST_CASE("diff of sweeps: a renamed point is matched by the tolerance file's rename", "[sim][studies]") {
  TempDir dir;
  const auto run = run_pjsim({"run", "--quiet", "--no-html", "--set", "workload.model=tiny-llama", "--set", "workload.context_tokens=64"});
  REQUIRE(run.exit_code == 0);
  write_text(dir / "a/points/p000/report.json", run.report_text);
  write_text(dir / "b/points/p001/report.json", run.report_text);
  const auto plain = run_pjsim({"diff", dir / "a", dir / "b"});
  CHECK(plain.exit_code == 1);
  CHECK(plain.out.find("p000/report.json") != std::string::npos);
  const std::string rename = write_text(dir / "rename.yaml", "rename: {p000: p001}\n");
  const auto renamed = run_pjsim({"diff", dir / "a", dir / "b", "--tolerances", rename});
  CHECK(renamed.exit_code == 0);
}

TEST_CASE("diff refuses bad input with one located line and exit 2", "[sim][errors]") {
  TempDir dir;
  const auto run = run_pjsim({"run", "--quiet", "--no-html", "--set", "workload.model=tiny-llama", "--set", "workload.context_tokens=64"});
  REQUIRE(run.exit_code == 0);
  const std::string good = write_text(dir / "good.json", run.report_text);

  nlohmann::json future = run.report;
  future["schema_version"] = "2.0";
  const std::string v2 = write_text(dir / "v2.json", future.dump(2));
  const auto major = run_pjsim({"diff", good, v2});
  CHECK(major.exit_code == 2);
  CHECK(one_line(major.err));
  CHECK(major.err.find(v2 + ":") != std::string::npos);
  CHECK(major.err.find("schema_version: \"2.0\" is another major version; this pjsim reads 1.x reports") != std::string::npos);

  const std::string cut = write_text(dir / "cut.json", run.report_text.substr(0, run.report_text.size() / 2));
  const auto truncated = run_pjsim({"diff", good, cut});
  CHECK(truncated.exit_code == 2);
  CHECK(one_line(truncated.err));
  CHECK(truncated.err.find(cut + ":") != std::string::npos);
  CHECK(truncated.err.find("malformed JSON") != std::string::npos);

  const std::string unknown = write_text(dir / "unknown.yaml", "tolerances:\n  - {path: \"x\", relativ: 0.05}\n");
  const auto key = run_pjsim({"diff", good, good, "--tolerances", unknown});
  CHECK(key.exit_code == 2);
  CHECK(key.err == "error: " + unknown + ":2:17: tolerances.relativ: unknown key; valid keys: absolute, path, relative\n");
  const std::string top = write_text(dir / "top.yaml", "tolerance: []\n");
  CHECK(run_pjsim({"diff", good, good, "--tolerances", top}).err.find("tolerance: unknown key; valid keys: ignore, rename, tolerances") !=
        std::string::npos);

  const std::string glob = write_text(dir / "glob.yaml", "tolerances:\n  - {path: \"energy_pj.[ab\", relative: 0.01}\n");
  const auto bad = run_pjsim({"diff", good, good, "--tolerances", glob});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == "error: " + glob + ":2:12: tolerances.path: \"energy_pj.[ab\" is not a valid glob: an unterminated '[' at column 11\n");

  // A tolerance of .nan would pass every change, -1 fail every figure: both are range errors.
  for (const std::string value : {".nan", "-1", ".inf"}) {
    const std::string file = write_text(dir / "range.yaml", "tolerances:\n  - {path: \"x\", relative: " + value + "}\n");
    const auto range = run_pjsim({"diff", good, good, "--tolerances", file});
    INFO(value);
    CHECK(range.exit_code == 2);
    CHECK(range.err == "error: " + file + ":2:27: tolerances.relative: expected a finite number >= 0, got " + value + "\n");
  }
}
