#include "sim/cluster/manifest.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/atomic_file.h"
#include "sim/config/errors.h"
#include "sim/config/flatten.h"
#include "sim/config/input_limits.h"

namespace pjsim::sim {

namespace {

namespace fs = std::filesystem;

nlohmann::json to_json(const ShardManifest& m) {
  return {{"study", m.study}, {"source", m.source}, {"shards", m.shards}};
}

// Shards of one study: more would be more tasks than any job array takes.
constexpr std::uint64_t kMaxShards = 1000000;

}  // namespace

std::string study_source(const std::string& study_argument) {
  const std::string arg = study_argument.empty() ? "default" : study_argument;
  std::error_code ec;
  if (!fs::exists(arg, ec)) return arg;
  const fs::path absolute = fs::absolute(arg, ec);
  return ec ? arg : absolute.lexically_normal().string();
}

fs::path shard_manifest_path(const fs::path& out) { return out / "shards" / "manifest.json"; }

void record_shard_manifest(const fs::path& out, const ShardManifest& manifest) {
  const fs::path path = shard_manifest_path(out);
  const std::string text = to_json(manifest).dump(2) + "\n";
  std::error_code ec;
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == text.size() && read_text_file(path.string()) == text) return;
  fs::create_directories(path.parent_path(), ec);
  reports::write_file_atomically(path, text);
}

ShardManifest read_shard_manifest(const fs::path& out) {
  const fs::path path = shard_manifest_path(out);
  std::error_code ec;
  if (!fs::exists(path, ec))
    fail_at(Location{path.string()}, "",
            "no shard manifest: this folder holds no sharded sweep (run `pjsim sweep STUDY --slurm --out " +
                out.string() + "` or `pjsim sweep STUDY --shard I/N --out " + out.string() + "` first)");
  const nlohmann::json j = parse_json(read_text_file(path.string()), path.string());  // bounded, located
  try {
    const nlohmann::json& shards = j.at("shards");
    if (!shards.is_number_unsigned() || shards.get<std::uint64_t>() == 0 || shards.get<std::uint64_t>() > kMaxShards)
      fail_at(Location{path.string()}, "shards", fmt::format("expected a whole number of shards in 1..{}, got {}", kMaxShards, shards.dump()));
    ShardManifest m{j.at("study").get<std::string>(), j.at("source").get<std::string>(),
                    static_cast<unsigned>(shards.get<std::uint64_t>())};
    if (m.source.empty()) fail_at(Location{path.string()}, "", "not a shard manifest (source is empty)");
    return m;
  } catch (const nlohmann::json::exception& e) {
    fail_at(Location{path.string()}, "", std::string("not a shard manifest (") + e.what() + ")");
  }
}

}  // namespace pjsim::sim
