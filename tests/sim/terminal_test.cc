// The terminal and the folders, as a user meets them: each command writes its own folder (a run
// never overwrites a study) or refuses without --force; --quiet prints only errors and the
// report path; progress has done/total, elapsed and ETA; a failed point's error is not doubled.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "run_pjsim.h"
#include "sim/study/point_pool.h"
#include "study_files.h"

using pjsim::testing::read_file;
using pjsim::testing::run_pjsim;
using pjsim::testing::TempDir;
using pjsim::testing::write_text;

namespace {

const char* const kTiny = "study: tiny\nset: {workload.model: tiny-llama, workload.context_tokens: 64}\naxes:\n  workload.batch: [1, 0, 4]\n";

// `pjsim ARGS` run from `dir` (for the default folders, which are relative to the cwd).
int pjsim_in(const std::string& dir, const std::string& args, const std::string& out) {
  const std::string cmd = "cd '" + dir + "' && '" + PJSIM_EXE + "' " + args + " >'" + out + "' 2>&1 </dev/null";
  const int status = std::system(cmd.c_str());
  return WEXITSTATUS(status);
}

bool exists(const std::string& path) { return std::filesystem::exists(path); }

}  // namespace

TEST_CASE("progress lines have done/total, the share, the elapsed time and the time left", "[sim]") {
  using pjsim::sim::clock_text;
  using pjsim::sim::progress_line;
  CHECK(progress_line(12, 62, 1, 3.2) == "[12/62]  19 %  elapsed 0:03  eta 0:13  failed 1");
  CHECK(progress_line(0, 8, 0, 0) == "[0/8]   0 %  elapsed 0:00  eta 0:00");
  CHECK(progress_line(8, 8, 0, 65) == "[8/8] 100 %  elapsed 1:05  eta 0:00");
  CHECK(clock_text(3725) == "1:02:05");
}

TEST_CASE("each command writes its own folder, a run never overwrites a study without --force", "[sim][errors]") {
  TempDir dir;
  write_text(dir / "tiny.yaml", std::string(kTiny) + "skip_invalid: true\n");
  const std::string log = dir / "log.txt";
  REQUIRE(pjsim_in(dir.str(), "run --quiet --no-html --set workload.model=tiny-llama --set workload.context_tokens=64", log) == 0);
  CHECK(read_file(log) == "report: out/run/default/report.json\n");  // --quiet: the report path only
  CHECK(exists(dir / "out/run/default/report.json"));
  CHECK_FALSE(exists(dir / "out/run/default/report.html"));  // --no-html

  REQUIRE(pjsim_in(dir.str(), "sweep tiny.yaml -j 2 --quiet", log) == 0);
  CHECK(read_file(log) == "report: out/sweep/tiny/report.html\n");  // no progress, no table
  CHECK(exists(dir / "out/sweep/tiny/results.json"));
  CHECK(exists(dir / "out/run/default/report.json"));  // the run is still there
  CHECK_FALSE(exists(dir / "out/sweep/tiny/points/p000/report.html"));  // per-point pages only with --html
  CHECK(exists(dir / "out/sweep/tiny/points/p000/ledger.csv"));
  const std::string results = read_file(dir / "out/sweep/tiny/results.csv");
  CHECK(results.find("\np001,skipped,0,") != std::string::npos);  // the skipped point, with its reason
  CHECK(read_file(dir / "out/sweep/tiny/report.html").find("out of range") != std::string::npos);

  // Into another command's folder: one line naming what is there, exit 2; --force writes anyway.
  CHECK(pjsim_in(dir.str(), "run --quiet --set workload.model=tiny-llama --out out/sweep/tiny", log) == 2);
  CHECK(read_file(log) == "error: out/sweep/tiny holds a study (results.json): a run would mix its files with it; choose another "
                          "--out, or --force to write there anyway\n");
  CHECK(pjsim_in(dir.str(), "sweep tiny.yaml --quiet --out out/run/default", log) == 2);
  CHECK(read_file(log).find("out/run/default holds a run's reports (report.json)") != std::string::npos);
  CHECK(pjsim_in(dir.str(), "sweep tiny.yaml --quiet --shard 0/2 --out out/run/default", log) == 2);  // a shard too
  CHECK(read_file(log).find("out/run/default holds a run's reports (report.json)") != std::string::npos);
  CHECK(pjsim_in(dir.str(), "run --quiet --no-html --set workload.model=tiny-llama --set workload.context_tokens=64 --out out/sweep/tiny --force", log) == 0);
}

TEST_CASE("a failed point is one line, its error not doubled, --quiet keeps errors, progress shows elapsed and ETA", "[sim][errors]") {
  TempDir dir;
  const std::string study = write_text(dir / "tiny.yaml", kTiny);
  const auto loud = run_pjsim({"sweep", study, "-j", "2", "--out", dir / "loud"});
  CHECK(loud.exit_code == 3);
  CHECK(loud.out.find("error: error:") == std::string::npos);
  CHECK(loud.out.find("p001  batch=0  error: " + study + ":4:23: workload.batch") != std::string::npos);  // located in the study
  CHECK(loud.err.find("[2/2] 100 %  elapsed ") != std::string::npos);  // two points ran (p001 never spawned)
  CHECK(loud.err.find("  eta 0:00  p0") != std::string::npos);
  CHECK(loud.out.find("J/token") != std::string::npos);

  const auto quiet = run_pjsim({"sweep", study, "-j", "2", "--out", dir / "quiet", "--quiet"});
  CHECK(quiet.exit_code == 3);
  CHECK(quiet.out == "report: " + (dir / "quiet") + "/report.html\n");
  CHECK(quiet.err.rfind("p001: error: " + study + ":4:23: workload.batch", 0) == 0);
  CHECK(quiet.err.find('\n') == quiet.err.size() - 1);  // one line: no progress
}
