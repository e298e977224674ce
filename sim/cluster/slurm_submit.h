// `pjsim sweep STUDY --slurm`: runs a study on a Slurm cluster as a job array, one shard of the
// points per task (sim/cluster/shard.h), to be merged with `pjsim merge DIR` (sim/cluster/merge.h).
//
// Example: pjsim sweep studies/batching.yaml --slurm --partition debug --time 00:30:00 --tasks 4 --out /scratch/b
//   writes /scratch/b/shards/manifest.json (the study and N), /scratch/b/slurm/sweep.sbatch
//   (sim/cluster/slurm_script.h), runs `sbatch --parsable` on it and records the job in
//   /scratch/b/slurm/manifest.json ({"job_id", "script", "shards", "points", "source", "study"});
//   prints the job id and the merge command. Task logs: /scratch/b/slurm/<job>_<task>.log.
// With --dry-run the script is written and printed on stdout, and nothing else is written or
// submitted (`sbatch DIR/slurm/sweep.sbatch` submits it later; its shards write the manifest).
// The pjsim executable, the study (and its base point file) and the output folder must be at
// the same paths on the compute nodes (a shared file system); they are written as absolute paths.
// No sbatch on PATH, or a failed submission, is a one-line UserError saying what to do (exit 2).
#pragma once

#include "sim/cluster/slurm_script.h"
#include "sim/study/sweep.h"

namespace pjsim::sim {

int run_slurm_sweep(const SweepOptions& sweep, const SlurmOptions& slurm);

}  // namespace pjsim::sim
