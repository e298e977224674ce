#include "sim/cluster/merge.h"

#include <iostream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/point_metrics.h"
#include "sim/cluster/manifest.h"
#include "sim/cluster/shard.h"
#include "sim/config/errors.h"
#include "sim/config/flatten.h"
#include "sim/config/input_limits.h"
#include "sim/run/plan.h"
#include "sim/study/point_report.h"
#include "sim/study/sweep.h"

namespace pjsim::sim {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The rows of one shard table by point id; empty when the shard has not written its table.
// A table that does not parse (it is written atomically, so only by hand) counts as absent.
std::map<std::string, json> read_shard_table(const fs::path& path, bool& present) {
  std::map<std::string, json> rows;
  std::error_code ec;
  present = fs::exists(path, ec);
  if (!present) return rows;
  try {  // bounded reads (regular files of at most 2 GiB, JSON at most 64 deep, no duplicate keys)
    const json table = parse_json(read_text_file(path.string()), path.string());
    for (const json& row : table.at("points")) rows[row.at("id").get<std::string>()] = row;
  } catch (const std::exception& e) {  // json::exception or UserError
    std::cerr << "merge: warning: " << path.string() << " is not a shard table (" << e.what()
              << "); its points count as missing\n";
    present = false;
    rows.clear();
  }
  return rows;
}

// A point's figures from points/<id>/report.json, when it is there and holds this configuration.
// A served point's from points/<id>/serve.json, matched by its serve_hash.
bool read_point_report(PointResult& r, const fs::path& dir, bool serve) {
  const fs::path path = dir / "points" / r.id / point_report_name(serve);
  std::error_code ec;
  if (fs::symlink_status(path, ec).type() == fs::file_type::not_found) return false;
  json report;
  const std::string problem = point_file_problem(path, serve, report);  // sim/study/point_report.h
  if (!problem.empty()) {
    std::cerr << "merge: warning: " << r.id << ": " << problem << "; the point counts as missing\n";
    return false;
  }
  if (report_hash(report, serve) != r.config_hash) return false;
  r.metrics = point_metrics(report, serve);
  r.config = report.value("config", json());
  r.report = (fs::path("points") / r.id / point_report_name(serve)).string();
  return true;
}

// What the shard recorded about how the point ran (its figures come from its report).
void copy_run(PointResult& r, const json& row) {
  r.status = row.value("status", "");
  r.error = row.value("error", "");
  r.note = row.value("note", "");
  r.exit_code = row.value("exit_code", -1);
  r.signal = row.value("signal", 0);
  r.resumed = row.value("resumed", false);
}

std::string shard_list(const std::vector<unsigned>& shards, unsigned count) {
  std::string out;
  for (const unsigned s : shards) out += (out.empty() ? "" : ", ") + to_string(Shard{s, count});
  return (shards.size() == 1 ? "shard " : "shards ") + out;
}

}  // namespace

MergedRows merge_rows(const fs::path& dir, const StudySpec& study, unsigned shards) {
  std::vector<std::map<std::string, json>> tables(shards);
  std::vector<bool> present(shards);
  for (unsigned s = 0; s < shards; ++s) {
    bool here = false;
    tables[s] = read_shard_table(shard_table_path(dir, {s, shards}), here);
    present[s] = here;
  }

  MergedRows merged;
  std::set<unsigned> unfinished;
  const std::vector<PointRequest> requests = study_requests(study);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const PointRequest& q = requests[i];
    const unsigned s = shard_of(i, shards);
    const std::string shard = to_string(Shard{s, shards});
    PointResult r;
    r.id = q.id;
    r.varied = q.varied;
    try {  // as run_points does: an invalid point is an error row, or skipped with skip_invalid
      LoadRequest load;
      load.point_file = q.base;
      load.sets = q.sets;
      load.set_locations = q.set_locations;
      r.config_hash = point_hash(load_valid_point(load), q.serve);
    } catch (const UserError& e) {
      r.status = study.skip_invalid ? "skipped" : "error";
      r.error = e.what();
      merged.rows.push_back(r);
      continue;
    }

    const auto it = tables[s].find(q.id);
    const json* row = it != tables[s].end() && it->second.value("config_hash", "") == r.config_hash ? &it->second : nullptr;
    if (row && row->value("status", "") != "ok") {
      copy_run(r, *row);
    } else if (read_point_report(r, dir, q.serve)) {
      if (row) copy_run(r, *row);
      r.status = "ok";
      r.resumed = r.resumed || !row;  // no row: a report from an earlier run, as --resume reads it
    } else {
      r.status = "not run";
      r.error = row       ? fmt::format("not run: shard {} ran it but points/{}/{} is gone or holds another "
                                        "configuration; run that shard again",
                                        shard, q.id, point_report_name(q.serve))
                : present[s] ? fmt::format("not run: the table of shard {} has no row for this configuration (the "
                                           "study changed?); run that shard again",
                                           shard)
                             : fmt::format("not run: shard {} has not finished (no shards/shard-{}-of-{}.json)", shard, s,
                                           shards);
    }
    if (r.status == "not run" || r.status == "interrupted") {
      ++merged.missing;
      unfinished.insert(s);
    }
    merged.rows.push_back(r);
  }
  merged.unfinished.assign(unfinished.begin(), unfinished.end());
  return merged;
}

int run_merge(const MergeOptions& options) {
  const fs::path dir = options.dir;
  const ShardManifest manifest = read_shard_manifest(dir);
  const StudySpec study = load_study(manifest.source);
  if (study.name != manifest.study)
    fail_at(Location{study.file}, "study",
            fmt::format("is now named '{}', but the shards in {} ran study '{}'", study.name, dir.string(), manifest.study));
  if (!study.candidates.empty())
    fail_at(Location{study.file}, "compare", "a study with `compare:` is not sharded; run it with pjsim compare");

  const MergedRows merged = merge_rows(dir, study, manifest.shards);
  const int status = write_sweep_outputs(dir, study, merged.rows, "merge", options.quiet);
  if (merged.missing > 0)
    std::cerr << fmt::format("merge: {} of {} points missing ({} not finished)\n", merged.missing, merged.rows.size(),
                             shard_list(merged.unfinished, manifest.shards));
  return status;
}

}  // namespace pjsim::sim
