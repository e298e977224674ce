#include "sim/cluster/slurm_submit.h"

#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "reports/atomic_file.h"
#include "reports/shell_quote.h"
#include "sim/cluster/manifest.h"
#include "sim/config/errors.h"
#include "sim/process/process_pool.h"
#include "sim/process/run_program.h"
#include "sim/study/spec.h"

namespace pjsim::sim {

using reports::shell_quote;

namespace {

namespace fs = std::filesystem;

std::string last_line(const std::string& text) {
  std::istringstream in(text);
  std::string line, last;
  while (std::getline(in, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  return last;
}

// Options that belong to a local sweep and mean nothing (or something else) to a submission.
void refuse_local_options(const SweepOptions& sweep) {
  if (!sweep.shard.empty()) throw UserError("--shard: not with --slurm (each task of the job runs one shard)");
  if (sweep.jobs != 0) throw UserError("--jobs: not with --slurm; use --cpus-per-task (each task runs that many points at a time)");
  if (sweep.resume) throw UserError("--resume: not with --slurm (the tasks always resume: submit again to finish a study)");
}

// The job id sbatch --parsable prints: "42" or "42;cluster".
std::string job_id_of(const std::string& out) {
  std::string id = last_line(out);
  id = id.substr(0, id.find(';'));
  const auto end = id.find_last_not_of(" \t\r");
  return end == std::string::npos ? "" : id.substr(id.find_first_not_of(" \t"), end + 1);
}

// sbatch answers in about a second; a controller that does not answer must not hang the study.
constexpr double kSbatchTimeoutSeconds = 120;

std::string submit(const fs::path& script) {
  const std::string sbatch = find_on_path("sbatch");
  if (sbatch.empty())
    throw UserError("--slurm: sbatch not found on PATH: run this on a Slurm login node (Debian: apt-get install "
                    "slurm-client), or use --dry-run to write and print the job script without submitting it");
  ProgramOutput o;
  try {
    o = run_program(sbatch, {"--parsable", script.string()}, kSbatchTimeoutSeconds);
  } catch (const std::runtime_error& e) {
    throw UserError(std::string("--slurm: ") + e.what() + "; use --dry-run to write the script without submitting it");
  }
  if (o.timed_out)
    throw UserError(fmt::format("--slurm: sbatch did not answer within {:.0f} s and was stopped; check the cluster "
                                "(the script is {}; --dry-run prints it without submitting)",
                                kSbatchTimeoutSeconds, script.string()));
  const std::string id = job_id_of(o.out);
  if (o.exit_code != 0 || id.empty()) {
    const std::string why = last_line(o.err).empty() ? last_line(o.out) : last_line(o.err);
    throw UserError(fmt::format("--slurm: sbatch {} {}: {}; check the cluster and the options (the script is {}; "
                                "--dry-run prints it without submitting)",
                                o.signal ? "was killed by signal" : "exited", o.signal ? o.signal : o.exit_code,
                                why.empty() ? "no job id printed" : why, script.string()));
  }
  return id;
}

}  // namespace

int run_slurm_sweep(const SweepOptions& sweep, const SlurmOptions& slurm) {
  refuse_local_options(sweep);
  const std::string source = study_source(sweep.study);
  const StudySpec study = load_study(source);
  if (!study.candidates.empty())
    fail_at(Location{study.file}, "compare", "--slurm runs sweeps; a study with `compare:` runs with pjsim compare");
  std::error_code ec;
  const fs::path out = fs::absolute(sweep_out(sweep, study), ec).lexically_normal();
  const std::size_t points = expand_points(study).size();

  SbatchScript s;
  s.executable = self_executable();
  s.source = source;
  s.out = out.string();
  while (s.out.size() > 1 && s.out.back() == '/') s.out.pop_back();
  s.study = study.name;
  s.points = points;
  s.tasks = slurm_tasks(slurm.tasks, points);
  s.cpus_per_task = slurm.cpus_per_task;
  s.partition = slurm.partition;
  s.time = slurm.time;
  s.timeout_s = sweep.timeout_s;
  s.html = sweep.html;
  const std::string script = sbatch_script(s);

  fs::create_directories(out / "slurm", ec);
  const fs::path script_path = out / "slurm" / "sweep.sbatch";
  reports::write_file_atomically(script_path, script);
  fs::permissions(script_path, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                  fs::perm_options::add, ec);
  const std::string merge = shell_quote(s.executable) + " merge " + shell_quote(s.out);
  if (slurm.dry_run) {
    std::cout << script;
    std::cerr << "dry run: wrote " << script_path.string() << " (" << s.tasks << " tasks, " << points
              << " points); nothing submitted. To submit it: sbatch " << shell_quote(script_path.string()) << "\n";
    return exit_ok;
  }

  // Before submitting, so that a merge at any time knows the shards (a dry run leaves it: the
  // shards of a script submitted by hand write it themselves).
  record_shard_manifest(out, {study.name, source, s.tasks});
  const std::string job = submit(script_path);
  const nlohmann::json manifest = {{"study", study.name}, {"source", source},  {"shards", s.tasks},
                                   {"points", points},    {"script", "slurm/sweep.sbatch"}, {"job_id", job}};
  reports::write_file_atomically(out / "slurm" / "manifest.json", manifest.dump(2) + "\n");
  std::cout << fmt::format("submitted job {}: study {}, {} points in {} tasks (pjsim sweep --shard I/{})\n", job,
                           study.name, points, s.tasks, s.tasks);
  std::cout << "script: " << script_path.string() << "\n";
  std::cout << "logs: " << (out / "slurm").string() << "/" << job << "_<task>.log\n";
  std::cout << "when the job has finished (squeue -j " << job << " lists nothing): " << merge << "\n";
  return exit_ok;
}

}  // namespace pjsim::sim
