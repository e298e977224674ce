// `pjsim sweep --slurm` without a cluster: the job script (--dry-run), which runs as the tasks
// would when executed with SLURM_ARRAY_TASK_ID set; submission through a stand-in sbatch; and
// the one-line errors for a missing or failing sbatch and for bad options. The real cluster
// test is tests/slurm/cluster_test.sh.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "reports/shell_quote.h"
#include "run_pjsim.h"
#include "sim/cluster/shard.h"
#include "sim/cluster/slurm_script.h"
#include "sim/config/errors.h"
#include "study_files.h"

using pjsim::testing::read_file;
using pjsim::testing::run_pjsim;
using pjsim::testing::TempDir;
using pjsim::testing::write_text;

namespace {

const char* const kStudy = pjsim::testing::kTinySixPointStudy;

std::size_t count_lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::string executable_script(const std::string& path, const std::string& text) {
  write_text(path, text);
  chmod(path.c_str(), 0755);
  return path;
}

}  // namespace

TEST_CASE("shell_quote leaves safe words bare and single-quotes the rest", "[sim][slurm]") {
  using pjsim::reports::shell_quote;
  CHECK(shell_quote("/opt/pjsim/build/pjsim") == "/opt/pjsim/build/pjsim");
  CHECK(shell_quote("a b") == "'a b'");
  CHECK(shell_quote("it's") == "'it'\\''s'");
  CHECK(shell_quote("$HOME;rm -rf /") == "'$HOME;rm -rf /'");
  CHECK(shell_quote("") == "''");
}

TEST_CASE("a shard is I/N and takes points round robin, and the Slurm array size defaults to min(points, 64)", "[sim][slurm]") {
  using namespace pjsim::sim;
  CHECK(parse_shard("3/4").index == 3);
  CHECK(parse_shard("3/4").count == 4);
  CHECK_THROWS_AS(parse_shard("4/4"), pjsim::sim::UserError);
  CHECK(shard_of(5, 3) == 2);
  CHECK(shard_table_path("o", {1, 3}) == std::filesystem::path("o/shards/shard-1-of-3.json"));
  CHECK(slurm_tasks(0, 6) == 6);
  CHECK(slurm_tasks(0, 1000) == 64);
  CHECK(slurm_tasks(3, 6) == 3);
  CHECK(slurm_tasks(100, 6) == 6);
}

TEST_CASE("sweep --slurm --dry-run writes and prints a job script whose tasks, run by hand, make a mergeable sweep",
          "[sim][slurm]") {
  TempDir dir;
  // A quote in the study's name and a blank in the output folder must survive the script.
  const std::string study = write_text(dir / "it's tiny.yaml", kStudy);
  const std::string out = dir / "out dir";
  const auto r = run_pjsim({"sweep", study, "--slurm", "--dry-run", "--tasks", "3", "--partition", "debug", "--time",
                            "00:05:00", "--cpus-per-task", "2", "--out", out});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string& script = r.out;
  CHECK(script.rfind("#!/bin/bash\n", 0) == 0);
  CHECK(has(script, "\n#SBATCH --job-name=pjsim-tiny6\n"));
  CHECK(has(script, "\n#SBATCH --array=0-2\n"));
  CHECK(has(script, "\n#SBATCH --output=\"" + out + "/slurm/%A_%a.log\"\n"));
  CHECK(has(script, "\n#SBATCH --cpus-per-task=2\n"));
  CHECK(has(script, "\n#SBATCH --partition=debug\n"));
  CHECK(has(script, "\n#SBATCH --time=00:05:00\n"));
  CHECK(has(script, "\nexec " + pjsim::reports::shell_quote(std::filesystem::canonical(PJSIM_EXE).string()) + " sweep " +
                        pjsim::reports::shell_quote(study) + " --shard \"${SLURM_ARRAY_TASK_ID}/3\" --out " +
                        pjsim::reports::shell_quote(out) + " -j 2 --resume\n"));
  CHECK(read_file(out + "/slurm/sweep.sbatch") == script);
  CHECK(has(r.err, "nothing submitted"));
  CHECK_FALSE(std::filesystem::exists(out + "/slurm/manifest.json"));  // no job
  CHECK_FALSE(std::filesystem::exists(out + "/shards"));                 // nothing but the script
  CHECK(shell("bash -n " + pjsim::reports::shell_quote(out + "/slurm/sweep.sbatch")) == 0);

  // Each task as Slurm would start it (in another directory), then merge.
  for (int task = 0; task < 3; ++task)
    REQUIRE(shell("cd / && SLURM_ARRAY_TASK_ID=" + std::to_string(task) + " bash " +
                  pjsim::reports::shell_quote(out + "/slurm/sweep.sbatch") + " >/dev/null 2>&1") == 0);
  const auto manifest = nlohmann::json::parse(read_file(out + "/shards/manifest.json"));  // by the shards
  CHECK(manifest["shards"] == 3);
  CHECK(manifest["source"] == study);
  const auto merged = run_pjsim({"merge", out});
  CHECK(merged.exit_code == 0);
  CHECK(has(merged.out, "merge tiny6: 6 points, 6 ok"));

  // Without --tasks: one task per point up to 64.
  const auto all = run_pjsim({"sweep", study, "--slurm", "--dry-run", "--timeout", "30", "--out", dir / "other"});
  CHECK(has(all.out, "\n#SBATCH --array=0-5\n"));
  CHECK(has(all.out, " -j 1 --resume --timeout 30\n"));  // --timeout goes to the tasks
  CHECK(has(all.out, "\n#SBATCH --cpus-per-task=1\n"));
  CHECK_FALSE(has(all.out, "#SBATCH --partition"));
  CHECK_FALSE(has(all.out, "#SBATCH --time"));
}

TEST_CASE("sweep --slurm submits with sbatch --parsable and records the job, and a missing or failing sbatch is one line, exit 2",
          "[sim][slurm]") {
  TempDir dir;
  const std::string study = write_text(dir / "tiny6.yaml", kStudy);
  const std::string bin = dir / "bin";
  std::filesystem::create_directories(bin);
  executable_script(bin + "/sbatch", "#!/bin/bash\nprintf '%s\\n' \"$@\" > \"" + dir / "sbatch-args" +
                                         "\"\necho '4242;cluster'\n");
  const std::string out = dir / "out";
  const auto r = run_pjsim({"sweep", study, "--slurm", "--tasks", "2", "--out", out}, "PATH=" + bin + " ");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "submitted job 4242: study tiny6, 6 points in 2 tasks"));
  CHECK(has(r.out, "merge " + out + "\n"));
  CHECK(read_file(dir / "sbatch-args") == "--parsable\n" + out + "/slurm/sweep.sbatch\n");
  const auto job = nlohmann::json::parse(read_file(out + "/slurm/manifest.json"));
  CHECK(job["job_id"] == "4242");
  CHECK(job["shards"] == 2);
  CHECK(job["points"] == 6);
  CHECK(job["script"] == "slurm/sweep.sbatch");

  // Before any task has run, merge finds every point missing.
  const auto early = run_pjsim({"merge", out, "--quiet"});
  CHECK(early.exit_code == 3);
  CHECK(early.err == "merge: 6 of 6 points missing (shards 0/2, 1/2 not finished)\n");

  executable_script(bin + "/sbatch", "#!/bin/bash\necho 'sbatch: error: invalid partition specified: nope' >&2\nexit 1\n");
  const auto failed = run_pjsim({"sweep", study, "--slurm", "--partition", "nope", "--out", out}, "PATH=" + bin + " ");
  CHECK(failed.exit_code == 2);
  CHECK(count_lines(failed.err) == 1);
  CHECK(has(failed.err, "sbatch exited 1: sbatch: error: invalid partition specified: nope"));
  CHECK(has(failed.err, "--dry-run"));

  const auto missing = run_pjsim({"sweep", study, "--slurm", "--out", out}, "PATH=" + dir / "empty" + " ");
  CHECK(missing.exit_code == 2);
  CHECK(count_lines(missing.err) == 1);
  CHECK(has(missing.err, "error: --slurm: sbatch not found on PATH"));
  CHECK(has(missing.err, "--dry-run"));
}

TEST_CASE("Slurm options without --slurm, or local options with it, are one-line errors", "[sim][slurm]") {
  TempDir dir;
  const std::string study = write_text(dir / "tiny6.yaml", kStudy);
  const std::vector<std::vector<std::string>> cases = {
      {"--partition", "debug"},        {"--time", "00:10:00"},      {"--tasks", "2"},
      {"--dry-run"},                   {"--slurm", "--shard", "0/2"}, {"--slurm", "-j", "2"},
      {"--slurm", "--resume"},         {"--slurm", "--dry-run", "--time", "1 hour"},
      {"--slurm", "--dry-run", "--partition", "a;b"}};
  for (const auto& extra : cases) {
    std::vector<std::string> args = {"sweep", study, "--out", dir / "out"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_pjsim(args);
    INFO(extra[0] << " " << (extra.size() > 1 ? extra[1] : "") << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(count_lines(r.err) == 1);
    CHECK(r.err.rfind("error: --", 0) == 0);
  }
  CHECK_FALSE(std::filesystem::exists(dir / "out"));
}
