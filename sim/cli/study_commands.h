// The study subcommands of the CLI: sweep, compare, diff, reprice (docs/studies.md). cli.cc
// only registers them; each command's logic lives in its own file.
//
//   pjsim sweep [STUDY.yaml | NAME] [-j N] [--out DIR] [--resume]   (no study: the default study)
//   pjsim sweep STUDY --shard I/N | --slurm [--partition P] [--time T] [--tasks N] [--dry-run]
//   pjsim merge DIR
//   pjsim compare BASE.yaml CAND.yaml... | pjsim compare STUDY.yaml
//   pjsim diff OLD NEW [--tolerances FILE] [--json | --markdown] [--junit FILE] [--fail-on change|regression]
//   pjsim reprice REPORT --technology NAME_OR_FILE [--out DIR]
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "sim/cluster/merge.h"
#include "sim/cluster/slurm_script.h"
#include "sim/study/compare.h"
#include "sim/study/diff.h"
#include "sim/study/reprice.h"
#include "sim/study/sweep.h"

namespace pjsim::sim {

class StudyCommands {
 public:
  void add_to(CLI::App& app);
  bool parsed() const;
  int run();  ///< the parsed command; throws UserError like the others

 private:
  CLI::App* sweep_ = nullptr;
  CLI::App* compare_ = nullptr;
  CLI::App* diff_ = nullptr;
  CLI::App* reprice_ = nullptr;
  CLI::App* merge_ = nullptr;
  SweepOptions sweep_options_;
  SlurmOptions slurm_options_;
  MergeOptions merge_options_;
  CompareOptions compare_options_;
  std::vector<std::string> compare_files_;
  DiffOptions diff_options_;
  bool diff_json_ = false, diff_markdown_ = false;
  RepriceOptions reprice_options_;
};

}  // namespace pjsim::sim
