// `pjsim merge DIR`: the results of a sharded sweep (sim/cluster/shard.h, sim/cluster/slurm_submit.h) as
// one study table, without simulating anything.
//
// Example: pjsim merge /scratch/batching
//   reads shards/manifest.json (the study and N), expands the study's points and takes each
//   point's row from shards/shard-I-of-N.json of its shard (I = index % N): for an ok row, its
//   figures from points/<id>/report.json (the config_hash must match); a point no shard table
//   holds is still found from a matching points/<id>/report.json. Then it writes results.csv,
//   results.json and report.html as `pjsim sweep` does (write_sweep_outputs), so that a complete
//   merge's results.csv is byte-identical to a local sweep's of the same study.
//   A point found nowhere is "not run" with an error naming its shard, and stderr says
//     merge: 2 of 6 points missing (shard 1/3 not finished)
// Exit: 0 every point ok; 3 some point missing or failed; 2 no manifest, or the study changed its
// name. Running it again gives byte-identical files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/study/point_pool.h"
#include "sim/study/spec.h"

namespace pjsim::sim {

struct MergeOptions {
  std::string dir;     ///< the --out folder of the shards
  bool quiet = false;  ///< no per-point table
};

struct MergedRows {
  std::vector<PointResult> rows;  ///< one per point, in expand_points() order (invalid ones dropped with skip_invalid)
  std::size_t missing = 0;        ///< rows "not run" or "interrupted"
  std::vector<unsigned> unfinished;  ///< the shards those belong to, ascending
};

/// The study's rows from dir's shard tables (N = shards) and point reports.
MergedRows merge_rows(const std::filesystem::path& dir, const StudySpec& study, unsigned shards);

int run_merge(const MergeOptions& options);

}  // namespace pjsim::sim
