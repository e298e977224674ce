#include "sim/cli/study_commands.h"

#include "sim/cli/cli_checks.h"
#include "sim/cluster/shard.h"
#include "sim/cluster/slurm_submit.h"
#include "sim/config/errors.h"
#include "sim/run/out_folder.h"
#include "sim/study/spec.h"

namespace pjsim::sim {

namespace {
// Points at a time: more than any machine has cores.
constexpr unsigned kMaxJobs = 4096;
}  // namespace

void StudyCommands::add_to(CLI::App& app) {
  sweep_ = app.add_subcommand("sweep", "run every point of a study in a local process pool (no file: the default study)");
  sweep_->add_option("study", sweep_options_.study, "study YAML file or embedded study name")->check(non_empty());
  sweep_->add_option("-j,--jobs", sweep_options_.jobs, "points at a time (default: number of cores)")->check(count_in(1, kMaxJobs));
  sweep_->add_option("--out", sweep_options_.out, "output folder (default: out/sweep/<study>)")->check(non_empty());
  sweep_->add_flag("--resume", sweep_options_.resume, "skip points whose report matches their config hash");
  sweep_->add_flag("--quiet,-q", sweep_options_.quiet, "print only errors and the report path");
  sweep_->add_flag("--html", sweep_options_.html, "each point writes its report.html too (slower; the study page is always written)");
  sweep_->add_flag("--force", sweep_options_.force, "write into a folder that holds a run or a comparison");
  sweep_->add_option("--timeout", sweep_options_.timeout_s, "seconds a point may run before it is killed (default: no limit)")
      ->check(positive_seconds());
  sweep_->add_option("--shard", sweep_options_.shard, "run only shard I/N (0-based): the points whose index % N == I");
  sweep_->add_flag("--slurm", slurm_options_.enabled, "submit the study to Slurm as a job array of shards (docs/studies.md)");
  sweep_->add_option("--partition", slurm_options_.partition, "with --slurm: the partition (default: the cluster's)");
  sweep_->add_option("--time", slurm_options_.time, "with --slurm: time limit per task, e.g. 01:00:00");
  sweep_->add_option("--tasks", slurm_options_.tasks, "with --slurm: tasks of the job array (default: min(points, 64))")
      ->check(count_in(1, 1000000));
  sweep_->add_option("--cpus-per-task", slurm_options_.cpus_per_task, "with --slurm: CPUs per task, its points at a time (default 1)")
      ->check(count_in(1, kMaxJobs));
  sweep_->add_flag("--dry-run", slurm_options_.dry_run, "with --slurm: write and print the job script, submit nothing");

  merge_ = app.add_subcommand("merge", "the results table of a sharded sweep (--shard, --slurm) from its shards, simulating nothing");
  merge_->add_option("dir", merge_options_.dir, "the --out folder of the shards")->required()->check(non_empty());
  merge_->add_flag("--quiet,-q", merge_options_.quiet, "no per-point table");

  compare_ = app.add_subcommand("compare", "baseline vs candidates, with each delta attributed to the features that differ");
  compare_->add_option("files", compare_files_, "BASE.yaml CAND.yaml... (point files), or one study with compare:")
      ->required()
      ->check(non_empty());
  compare_->add_option("-j,--jobs", compare_options_.jobs, "points at a time (default: number of cores)")->check(count_in(1, kMaxJobs));
  compare_->add_option("--out", compare_options_.out, "output folder (default: out/compare/<baseline or study>)")->check(non_empty());
  compare_->add_flag("--resume", compare_options_.resume, "skip points whose report matches their config hash");
  compare_->add_flag("--quiet,-q", compare_options_.quiet, "print only errors and the report path");
  compare_->add_flag("--html", compare_options_.html, "each point writes its report.html too");
  compare_->add_flag("--force", compare_options_.force, "write into a folder that holds a run or a study");
  compare_->add_option("--timeout", compare_options_.timeout_s, "seconds a point may run before it is killed (default: no limit)")
      ->check(positive_seconds());

  diff_ = app.add_subcommand("diff", "compare two reports (or sweep folders) figure by figure; exit 1 on a regression");
  diff_->add_option("old", diff_options_.old_path, "report.json, run folder or sweep folder")->required()->check(non_empty());
  diff_->add_option("new", diff_options_.new_path, "report.json, run folder or sweep folder")->required()->check(non_empty());
  diff_->add_option("--tolerances", diff_options_.tolerances, "YAML file: tolerances (globs), ignore (globs), rename (point ids)")
      ->check(non_empty());
  diff_->add_flag("--json", diff_json_, "print the comparison as JSON instead of the table");
  diff_->add_flag("--markdown", diff_markdown_, "print a Markdown summary for a pull-request comment instead of the table");
  diff_->add_option("--junit", diff_options_.junit, "JUnit XML into FILE: one test case per compared figure")->check(non_empty());
  diff_->add_option("--fail-on", diff_options_.fail_on, "change (default: any figure beyond tolerance fails) or regression")
      ->check(CLI::IsMember({"change", "regression"}));

  reprice_ = app.add_subcommand("reprice", "price a report's ledger with another technology table, without simulating");
  reprice_->add_option("report", reprice_options_.report, "report.json or its folder")->required()->check(non_empty());
  reprice_->add_option("--technology,-t", reprice_options_.technology, "technology preset name or YAML file")
      ->required()
      ->check(non_empty());
  reprice_->add_option("--out", reprice_options_.out, "report folder (default: out/reprice/<name>-<technology>)")->check(non_empty());
  reprice_->add_flag("--force", reprice_options_.force, "write into a folder that holds a study or a comparison");
  reprice_->add_flag("--quiet,-q", reprice_options_.quiet, "print only the report path");
}

bool StudyCommands::parsed() const { return *sweep_ || *merge_ || *compare_ || *diff_ || *reprice_; }

int StudyCommands::run() {
  if (*sweep_ && slurm_options_.enabled) return run_slurm_sweep(sweep_options_, slurm_options_);
  for (const char* option : {"--partition", "--time", "--tasks", "--cpus-per-task", "--dry-run"})
    if (*sweep_ && sweep_->count(option) > 0) throw UserError(std::string(option) + ": only with --slurm");
  if (*sweep_ && !sweep_options_.shard.empty()) return run_shard_sweep(sweep_options_);
  if (*sweep_) return run_sweep(sweep_options_);
  if (*merge_) return run_merge(merge_options_);
  if (*diff_) {
    if (diff_json_ && diff_markdown_) throw UserError("--json and --markdown: choose one (each replaces the table on stdout)");
    if (diff_json_) diff_options_.json = "-";
    if (diff_markdown_) diff_options_.markdown = "-";
    return run_diff(diff_options_);
  }
  if (*reprice_) return run_reprice(reprice_options_);
  if (compare_files_.size() == 1) {
    const StudySpec study = load_study(compare_files_[0]);
    if (study.candidates.empty()) fail_at(Location{study.file}, "compare", "this study has no `compare:` section");
    if (compare_options_.out.empty()) compare_options_.out = default_out("compare", study.name).string();
    return run_compare_study(study, compare_options_);
  }
  return run_compare_files(compare_files_[0], {compare_files_.begin() + 1, compare_files_.end()}, compare_options_);
}

}  // namespace pjsim::sim
