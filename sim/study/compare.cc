#include "sim/study/compare.h"

#include <iostream>
#include <map>

#include <fmt/format.h>

#include "reports/atomic_file.h"
#include "sim/config/errors.h"
#include "sim/run/out_folder.h"
#include "sim/run/plan.h"
#include "sim/study/compare_report.h"
#include "sim/study/html.h"
#include "sim/study/out_lock.h"
#include "sim/study/point_pool.h"
#include "sim/study/sweep.h"

namespace pjsim::sim {

namespace {

bool is_price(const nlohmann::json& j) {
  return j.is_object() && j.size() == 2 && j.contains("value") && j.contains("source");
}

bool ignored(const std::string& path, const std::string& leaf) {
  return path.rfind("sources.", 0) == 0 || leaf == "name" || leaf == "description" || leaf == "source" ||
         leaf == "base";
}

void leaves(const nlohmann::json& node, const std::string& path, std::map<std::string, nlohmann::json>& out) {
  if (node.is_object() && !is_price(node)) {
    for (const auto& [key, child] : node.items()) {
      const std::string sub = path.empty() ? key : path + "." + key;
      if (!ignored(sub, key)) leaves(child, sub, out);
    }
    return;
  }
  out[path] = node;
}

std::string join_sets(const std::vector<std::string>& sets) {
  std::string key;
  for (const auto& s : sets) key += s + "\n";
  return key;
}

struct Plan {
  std::string name;
  std::string base;                 ///< LoadRequest::point_file of the baseline
  std::vector<std::string> base_sets;
  std::vector<CandidatePlan> candidates;
  bool serve = false;               ///< the points are served (`command: serve`): figures from serve.json
};

// Every distinct point the attribution needs, by its list of overrides (shared prefixes, such
// as the first sequential step and the first feature alone, are simulated once).
class PointSet {
 public:
  PointSet(const Plan& plan) : plan_(plan) {}
  std::string add(const std::string& id, const std::vector<std::string>& extra) {
    std::vector<std::string> sets = plan_.base_sets;
    sets.insert(sets.end(), extra.begin(), extra.end());
    const std::string key = join_sets(sets);
    if (const auto it = ids_.find(key); it != ids_.end()) return it->second;
    ids_[key] = id;
    sets.push_back("name=" + plan_.name + "-" + id);
    PointRequest q{id, plan_.base, sets, {}};
    q.serve = plan_.serve;
    requests_.push_back(q);
    return id;
  }
  const std::vector<PointRequest>& requests() const { return requests_; }

 private:
  const Plan& plan_;
  std::map<std::string, std::string> ids_;
  std::vector<PointRequest> requests_;
};

int run_plan(Plan& plan, const CompareOptions& options) {
  PointSet points(plan);
  const std::string base_id = points.add("base", {});
  for (std::size_t c = 0; c < plan.candidates.size(); ++c) {
    CandidatePlan& cand = plan.candidates[c];
    cand.base_id = base_id;
    std::vector<std::string> applied;
    for (std::size_t f = 0; f < cand.features.size(); ++f) {
      const auto sets = to_sets(cand.features[f].set);
      applied.insert(applied.end(), sets.begin(), sets.end());
      cand.features[f].seq_id = points.add(fmt::format("c{}-seq{}", c + 1, f + 1), applied);
      cand.features[f].alone_id = points.add(fmt::format("c{}-alone{}", c + 1, f + 1), sets);
    }
  }
  const std::filesystem::path out = options.out.empty() ? default_out("compare", plan.name) : std::filesystem::path(options.out);
  check_out_folder(out, OutKind::compare, options.force);
  const OutFolderLock lock(out);
  RunPointsOptions run;
  run.out = out;
  run.jobs = default_jobs(options.jobs);
  run.resume = options.resume;
  run.timeout_s = options.timeout_s;
  run.html = options.html;
  run.quiet = options.quiet;
  const std::vector<PointResult> rows = run_points(points.requests(), run);

  const nlohmann::json report = attribution_json(plan.name, plan.candidates, rows);
  std::string html;
  const std::string write_error = write_study_tables(out, [&] {
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    reports::write_file_atomically(out / "compare.json", report.dump(2) + "\n");
    html = write_compare_html(out, report, rows);
  });
  if (!options.quiet) std::cout << compare_text(report);
  print_failures(rows);
  if (!write_error.empty()) {
    std::cout << std::flush;
    std::cerr << write_error;
    return exit_write;
  }
  if (!options.quiet) std::cout << "compare: " << (out / "compare.json").string() << "\n";
  if (!html.empty()) std::cout << "report: " << html << "\n";
  // An intermediate step that is invalid on its own fails its point but not the comparison: both
  // ends ran, and what could not be attributed is said above.
  const int status = finish_status(rows);
  return status == exit_points_failed && every_candidate_ran(report) ? exit_ok : status;
}

DesignPoint load(const std::string& file) {
  LoadRequest req;
  req.point_file = file;
  return load_valid_point(req);
}

}  // namespace

Overrides config_differences(const nlohmann::json& base, const nlohmann::json& candidate) {
  std::map<std::string, nlohmann::json> a, b;
  leaves(base, "", a);
  leaves(candidate, "", b);
  Overrides out;
  for (const auto& [path, value] : b) {
    const auto it = a.find(path);
    const auto same = [&](const nlohmann::json& x, const nlohmann::json& y) {
      return is_price(x) && is_price(y) ? x.at("value") == y.at("value") : x == y;
    };
    if (it == a.end() || !same(it->second, value)) out.push_back({path, value.dump()});
  }
  return out;
}

int run_compare_files(const std::string& base, const std::vector<std::string>& candidates, const CompareOptions& options) {
  const DesignPoint b = load(base);
  Plan plan{b.name, base, {}, {}};
  for (const std::string& file : candidates) {
    const DesignPoint c = load(file);
    CandidatePlan cand;
    cand.name = c.name;
    for (const Override& o : config_differences(b.resolved, c.resolved)) cand.features.push_back({o.key, {o}, "", ""});
    plan.candidates.push_back(cand);
  }
  return run_plan(plan, options);
}

int run_compare_study(const StudySpec& study, const CompareOptions& options) {
  if (!study.axes.empty() || !study.zips.empty() || !study.extra_points.empty())
    fail_at(Location{study.file}, "compare", "a comparison study has no axes, zip or points (run one study per workload)");
  Plan plan{study.name, study.base, to_sets(study.base_set), {}};
  plan.serve = study.command == "serve";
  for (const CompareCandidate& c : study.candidates) {
    CandidatePlan cand;
    cand.name = c.name;
    for (const auto& [feature, keys] : c.features) {
      Overrides set;
      for (const std::string& k : keys)
        for (const Override& o : c.set)
          if (o.key == k) set.push_back(o);
      cand.features.push_back({feature, set, "", ""});
    }
    plan.candidates.push_back(cand);
  }
  return run_plan(plan, options);
}

}  // namespace pjsim::sim
