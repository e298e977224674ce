// The job script of `pjsim sweep STUDY --slurm`: a Slurm job array whose task I runs
// `pjsim sweep STUDY --shard I/N` (sim/cluster/shard.h). No Slurm needed to write it.
//
// Example: sbatch_script({"/opt/pjsim/pjsim", "/home/me/tiny.yaml", "/scratch/tiny", "tiny", 6, 3, 2, "debug",
//                         "00:10:00", 0})
//   #!/bin/bash
//   # pjsim sweep --slurm: study tiny, 6 points in 3 tasks; task I runs `pjsim sweep --shard I/3`
//   # (the points whose index % 3 == I). When every task has finished:
//   #   /opt/pjsim/pjsim merge /scratch/tiny
//   #SBATCH --job-name=pjsim-tiny
//   #SBATCH --array=0-2
//   #SBATCH --output=/scratch/tiny/slurm/%A_%a.log
//   #SBATCH --cpus-per-task=2
//   #SBATCH --partition=debug
//   #SBATCH --time=00:10:00
//   set -eu
//   exec /opt/pjsim/pjsim sweep /home/me/tiny.yaml --shard "${SLURM_ARRAY_TASK_ID}/3" --out /scratch/tiny -j 2 --resume
// Paths are shell-quoted in the command (reports/shell_quote.h); in #SBATCH lines, which Slurm
// reads without a shell, `%` is doubled and a value with spaces is double-quoted. A path with a
// control character, `"` or `\`, a partition or a time limit Slurm would not read is a UserError.
#pragma once

#include <string>

namespace pjsim::sim {

/// What the user asks of `--slurm` (the CLI's options).
struct SlurmOptions {
  bool enabled = false;        ///< --slurm
  std::string partition;       ///< --partition; empty: the cluster's default
  std::string time;            ///< --time per task (Slurm's formats: MM, HH:MM:SS, D-HH:MM ...); empty: the partition's
  unsigned tasks = 0;          ///< --tasks: array size; 0 = min(points, 64); never more than the points
  unsigned cpus_per_task = 1;  ///< --cpus-per-task, also each task's -j
  bool dry_run = false;        ///< --dry-run: write and print the script, submit nothing
};

struct SbatchScript {
  std::string executable;  ///< absolute path of pjsim on the compute nodes
  std::string source;      ///< the study: absolute path or embedded name (sim/cluster/manifest.h)
  std::string out;         ///< absolute output folder, shared by the nodes
  std::string study;       ///< the study's name (job name, comments)
  std::size_t points = 0;
  unsigned tasks = 1;
  unsigned cpus_per_task = 1;
  std::string partition;
  std::string time;
  double timeout_s = 0;    ///< per point (--timeout), 0 = none
  bool html = false;       ///< each point writes its report.html (--html)
};

/// The array size for a study of `points` points when the user asked for `requested` (0 = default).
unsigned slurm_tasks(unsigned requested, std::size_t points);
/// The script text; throws UserError for values that cannot be written safely (see above).
std::string sbatch_script(const SbatchScript& s);

}  // namespace pjsim::sim
