// `pjsim sweep STUDY --shard I/N`: one shard of a study, for running a study on many machines
// (a Slurm job array, sim/cluster/slurm_submit.h, or any scheduler) and merging it afterwards
// (`pjsim merge DIR`, sim/cluster/merge.h).
//
// Example: pjsim sweep studies/batching.yaml --shard 1/3 --out /shared/batching
//   runs the points whose index in expand_points() order satisfies index % 3 == 1 (p001, p004,
//   ...; round robin keeps shards balanced when neighbouring points cost alike) into
//   /shared/batching/points/<id>/ as a local sweep would (-j, --resume, --timeout, skip_invalid),
//   writes its table /shared/batching/shards/shard-1-of-3.json (results_json plus
//   "shard": {"index": 1, "count": 3}) and shards/manifest.json, but not the study's
//   results.csv, results.json or report.html: merge writes those.
// The study is loaded by its absolute path (sim/cluster/manifest.h), as merge loads it.
// Exit codes as a sweep's: 0 every point of the shard ok, 3 some failed, 130 interrupted.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "sim/study/sweep.h"

namespace pjsim::sim {

struct Shard {
  unsigned index = 0;  ///< I, 0-based
  unsigned count = 1;  ///< N
};

/// "I/N" with 0 <= I < N; anything else is a one-line UserError naming --shard.
Shard parse_shard(const std::string& text);
/// "I/N".
std::string to_string(const Shard& shard);
/// The shard that runs the point with this index in expand_points() order.
unsigned shard_of(std::size_t point_index, unsigned count);
/// out/shards/shard-I-of-N.json
std::filesystem::path shard_table_path(const std::filesystem::path& out, const Shard& shard);

int run_shard_sweep(const SweepOptions& options);

}  // namespace pjsim::sim
