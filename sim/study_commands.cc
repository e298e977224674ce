#include "sim/study_commands.h"

#include "sim/errors.h"
#include "sim/study_spec.h"

namespace pjsim::sim {

void StudyCommands::add_to(CLI::App& app) {
  sweep_ = app.add_subcommand("sweep", "run every point of a study in a local process pool (no file: the default study)");
  sweep_->add_option("study", sweep_options_.study, "study YAML file or embedded study name");
  sweep_->add_option("-j,--jobs", sweep_options_.jobs, "points at a time (default: number of cores)");
  sweep_->add_option("--out", sweep_options_.out, "output folder (default: out/<study>)");
  sweep_->add_flag("--resume", sweep_options_.resume, "skip points whose report matches their config hash");
  sweep_->add_flag("--quiet,-q", sweep_options_.quiet, "no summary table");

  compare_ = app.add_subcommand("compare", "baseline vs candidates, with each delta attributed to the features that differ");
  compare_->add_option("files", compare_files_, "BASE.yaml CAND.yaml... (point files), or one study with compare:")->required();
  compare_->add_option("-j,--jobs", compare_options_.jobs, "points at a time (default: number of cores)");
  compare_->add_option("--out", compare_options_.out, "output folder (default: out/compare-<baseline>)");
  compare_->add_flag("--resume", compare_options_.resume, "skip points whose report matches their config hash");
  compare_->add_flag("--quiet,-q", compare_options_.quiet, "no table");

  diff_ = app.add_subcommand("diff", "compare two reports (or sweep folders) figure by figure; exit 1 on a regression");
  diff_->add_option("old", diff_options_.old_path, "report.json, run folder or sweep folder")->required();
  diff_->add_option("new", diff_options_.new_path, "report.json, run folder or sweep folder")->required();
  diff_->add_option("--tolerances", diff_options_.tolerances, "YAML file of per-metric tolerances");

  reprice_ = app.add_subcommand("reprice", "price a report's ledger with another technology table, without simulating");
  reprice_->add_option("report", reprice_options_.report, "report.json or its folder")->required();
  reprice_->add_option("--technology,-t", reprice_options_.technology, "technology preset name or YAML file")->required();
  reprice_->add_option("--out", reprice_options_.out, "report folder (default: out/<name>-<technology>)");
  reprice_->add_flag("--quiet,-q", reprice_options_.quiet, "print only the report path");
}

bool StudyCommands::parsed() const { return *sweep_ || *compare_ || *diff_ || *reprice_; }

int StudyCommands::run() {
  if (*sweep_) return run_sweep(sweep_options_);
  if (*diff_) return run_diff(diff_options_);
  if (*reprice_) return run_reprice(reprice_options_);
  if (compare_files_.size() == 1) {
    const StudySpec study = load_study(compare_files_[0]);
    if (study.candidates.empty()) fail_at(Location{study.file}, "compare", "this study has no `compare:` section");
    if (compare_options_.out.empty()) compare_options_.out = "out/" + study.name;
    return run_compare_study(study, compare_options_);
  }
  return run_compare_files(compare_files_[0], {compare_files_.begin() + 1, compare_files_.end()}, compare_options_);
}

}  // namespace pjsim::sim
