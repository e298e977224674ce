#include "sim/cluster/manifest.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "reports/atomic_file.h"
#include "sim/config/errors.h"

namespace pjsim::sim {

namespace {

namespace fs = std::filesystem;

nlohmann::json to_json(const ShardManifest& m) {
  return {{"study", m.study}, {"source", m.source}, {"shards", m.shards}};
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

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
  if (fs::exists(path, ec) && read_text(path) == text) return;
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
  try {
    const nlohmann::json j = nlohmann::json::parse(read_text(path));
    ShardManifest m{j.at("study").get<std::string>(), j.at("source").get<std::string>(), j.at("shards").get<unsigned>()};
    if (m.shards == 0 || m.source.empty()) throw std::invalid_argument("shards must be >= 1 and source not empty");
    return m;
  } catch (const std::exception& e) {
    fail_at(Location{path.string()}, "", std::string("not a shard manifest (") + e.what() + ")");
  }
}

}  // namespace pjsim::sim
