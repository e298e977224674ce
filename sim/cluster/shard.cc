#include "sim/cluster/shard.h"

#include <iostream>

#include <fmt/format.h>

#include "reports/atomic_file.h"
#include "sim/cluster/manifest.h"
#include "sim/config/errors.h"
#include "sim/process/process_pool.h"
#include "sim/run/out_folder.h"
#include "sim/study/out_lock.h"
#include "sim/study/point_pool.h"
#include "sim/study/results.h"
#include "sim/study/spec.h"

namespace pjsim::sim {

namespace {

namespace fs = std::filesystem;

bool parse_unsigned(const std::string& text, unsigned& value) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  value = static_cast<unsigned>(std::stoul(text));
  return true;
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  Shard s;
  if (slash == std::string::npos || !parse_unsigned(text.substr(0, slash), s.index) ||
      !parse_unsigned(text.substr(slash + 1), s.count) || s.count == 0 || s.index >= s.count)
    throw UserError("--shard: '" + text + "': expected I/N with 0 <= I < N (shard I of N, 0-based), e.g. --shard 0/4");
  return s;
}

std::string to_string(const Shard& shard) { return fmt::format("{}/{}", shard.index, shard.count); }

unsigned shard_of(std::size_t point_index, unsigned count) { return static_cast<unsigned>(point_index % count); }

fs::path shard_table_path(const fs::path& out, const Shard& shard) {
  return out / "shards" / fmt::format("shard-{}-of-{}.json", shard.index, shard.count);
}

int run_shard_sweep(const SweepOptions& options) {
  const Shard shard = parse_shard(options.shard);
  const std::string source = study_source(options.study);
  const StudySpec study = load_study(source);
  if (!study.candidates.empty())
    fail_at(Location{study.file}, "compare", "--shard runs sweeps; a study with `compare:` runs with pjsim compare");
  const fs::path out = sweep_out(options, study);
  check_out_folder(out, OutKind::study, options.force);  // not into a run's or a comparison's folder

  std::vector<PointRequest> mine;
  const std::vector<PointRequest> all = study_requests(study);
  for (std::size_t i = 0; i < all.size(); ++i)
    if (shard_of(i, shard.count) == shard.index) mine.push_back(all[i]);

  // Shards of one study run at once into one folder (a job array): each locks only itself.
  const OutFolderLock lock(out, fmt::format(".pjsim-shard-{}-of-{}.lock", shard.index, shard.count));
  std::error_code ec;
  fs::create_directories(out / "shards", ec);
  record_shard_manifest(out, {study.name, source, shard.count});

  const std::vector<PointResult> rows = run_points(mine, sweep_run_options(options, study, out));

  nlohmann::json table = results_json(study.name, study.file, rows);
  table["shard"] = {{"index", shard.index}, {"count", shard.count}};
  const fs::path path = shard_table_path(out, shard);
  const std::string write_error =
      write_study_tables(out, [&] { reports::write_file_atomically(path, table.dump(2) + "\n"); });

  if (!options.quiet) print_point_table(rows);
  std::size_t ok = 0;
  for (const auto& r : rows) ok += r.status == "ok";
  std::cout << fmt::format("sweep {} shard {}: {} of {} points, {} ok ({} simulated, {} reused), {} failed{}\n",
                           study.name, to_string(shard), rows.size(), all.size(), ok, simulated_count(rows),
                           ok - simulated_count(rows), rows.size() - ok,
                           pool_interrupted() ? " (interrupted: partial table)" : "");
  if (!write_error.empty()) {
    std::cout << std::flush;
    std::cerr << write_error;
    return exit_write;
  }
  std::cout << "shard table: " << path.string() << "\n";
  std::cout << "when every shard has run: pjsim merge " << out.string() << "\n";
  return finish_status(rows);
}

}  // namespace pjsim::sim
