// What a sharded sweep folder holds: which study its shards run and into how many shards it is
// cut, so that `pjsim merge DIR` can rebuild the study's table from the shard tables.
//
// Example: out/tiny/shards/manifest.json
//   {"shards": 3, "source": "/home/me/studies/tiny.yaml", "study": "tiny"}
// `source` is what merge loads: the study file's absolute path, or an embedded study's name.
// `pjsim sweep --slurm` writes it before submitting; every `pjsim sweep --shard I/N` run writes it
// too (only when it differs), so a folder of shards run by hand or by another scheduler merges.
#pragma once

#include <filesystem>
#include <string>

namespace pjsim::sim {

struct ShardManifest {
  std::string study;    ///< the study's name
  std::string source;   ///< absolute path of the study file, or the embedded study's name
  unsigned shards = 1;  ///< N of --shard I/N
};

/// The study argument of `pjsim sweep` as merge and the shards load it: an existing file's
/// absolute, normalised path (study bases are found beside the study file), otherwise the
/// argument itself (an embedded study's name; empty means "default").
std::string study_source(const std::string& study_argument);

std::filesystem::path shard_manifest_path(const std::filesystem::path& out);  ///< out/shards/manifest.json
/// Writes the manifest atomically unless the same one is there (shards of one job all call it).
void record_shard_manifest(const std::filesystem::path& out, const ShardManifest& manifest);
/// Reads out/shards/manifest.json; a missing or malformed one is a UserError saying how to make it.
ShardManifest read_shard_manifest(const std::filesystem::path& out);

}  // namespace pjsim::sim
