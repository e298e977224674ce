#include "sim/cluster/slurm_script.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include <fmt/format.h>

#include "reports/shell_quote.h"
#include "sim/config/errors.h"

namespace pjsim::sim {

using reports::shell_quote;

namespace {

constexpr unsigned kDefaultMaxTasks = 64;

void check_path(const std::string& option, const std::string& path) {
  for (const char c : path)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      throw UserError(option + ": the path holds a control character; a job script cannot carry it");
}

// A path in an #SBATCH line: Slurm reads these lines without a shell, splits them at blanks
// (honouring double quotes) and expands %-patterns in file names, so `%` is doubled here and the
// caller double-quotes a value with blanks (sbatch_word).
std::string sbatch_escape(const std::string& option, const std::string& path) {
  check_path(option, path);
  if (path.find_first_of("\"\\") != std::string::npos)
    throw UserError(option + ": '" + path + "' holds \" or \\, which #SBATCH lines cannot carry; choose another folder");
  std::string v;
  for (const char c : path) v += c == '%' ? std::string("%%") : std::string(1, c);
  return v;
}

std::string sbatch_word(const std::string& v) {
  return v.find_first_of(" \t'#") == std::string::npos ? v : "\"" + v + "\"";
}

std::string job_name(const std::string& study) {
  std::string name = "pjsim-";
  for (const char c : study) name += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '_';
  return name;
}

}  // namespace

unsigned slurm_tasks(unsigned requested, std::size_t points) {
  const std::size_t n = std::max<std::size_t>(points, 1);
  const std::size_t asked = requested == 0 ? kDefaultMaxTasks : requested;
  return static_cast<unsigned>(std::min(asked, n));
}

std::string sbatch_script(const SbatchScript& s) {
  if (!s.partition.empty() && !std::regex_match(s.partition, std::regex("[A-Za-z0-9_.,-]+")))
    throw UserError("--partition: '" + s.partition + "': expected a partition name (letters, digits, _ . -; a list with commas)");
  if (!s.time.empty() &&
      !std::regex_match(s.time, std::regex("([0-9]+-)?[0-9]+(:[0-9]+){0,2}|UNLIMITED|INFINITE|unlimited|infinite")))
    throw UserError("--time: '" + s.time + "': expected a Slurm time limit: MINUTES, HH:MM:SS or D-HH:MM:SS");
  if (s.tasks == 0) throw UserError("--tasks: expected at least 1");
  check_path("the pjsim executable", s.executable);
  check_path("study", s.source);
  const std::string exe = shell_quote(s.executable), out = shell_quote(s.out);

  std::string text = "#!/bin/bash\n";
  std::string study = s.study;  // a YAML name may hold a line break: keep the comment one line
  for (char& c : study) c = static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c;
  text += fmt::format("# pjsim sweep --slurm: study {}, {} points in {} tasks; task I runs `pjsim sweep --shard I/{}`\n",
                      study, s.points, s.tasks, s.tasks);
  text += fmt::format("# (the points whose index % {} == I). When every task has finished:\n", s.tasks);
  text += "#   " + exe + " merge " + out + "\n";
  text += "#SBATCH --job-name=" + job_name(s.study) + "\n";
  text += fmt::format("#SBATCH --array=0-{}\n", s.tasks - 1);
  // %A: the array's job id, %a: the task index.
  text += "#SBATCH --output=" + sbatch_word(sbatch_escape("--out", s.out) + "/slurm/%A_%a.log") + "\n";
  text += fmt::format("#SBATCH --cpus-per-task={}\n", s.cpus_per_task);
  if (!s.partition.empty()) text += "#SBATCH --partition=" + s.partition + "\n";
  if (!s.time.empty()) text += "#SBATCH --time=" + s.time + "\n";
  text += "set -eu\n";
  text += "exec " + exe + " sweep " + shell_quote(s.source) +
          fmt::format(" --shard \"${{SLURM_ARRAY_TASK_ID}}/{}\" --out {} -j {} --resume", s.tasks, out, s.cpus_per_task);
  if (s.timeout_s > 0) text += fmt::format(" --timeout {}", s.timeout_s);
  if (s.html) text += " --html";
  text += "\n";
  return text;
}

}  // namespace pjsim::sim
