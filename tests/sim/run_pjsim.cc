#include "run_pjsim.h"

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace pjsim::testing {

namespace {

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string fresh_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "pjsim-test-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

PjsimRun run_pjsim(const std::vector<std::string>& args, const std::string& shell_prefix) {
  PjsimRun r;
  const std::string dir = fresh_dir();
  std::string cmd = shell_prefix + quote(PJSIM_EXE);
  for (const std::string& a : args) cmd += " " + quote(a);
  if (!args.empty() && args[0] == "run") {
    const auto out = std::find(args.begin(), args.end(), "--out");
    r.report_dir = out != args.end() && out + 1 != args.end() ? *(out + 1) : dir + "/report";
    if (out == args.end()) cmd += " --out " + quote(r.report_dir);
  }
  cmd += " >" + quote(dir + "/stdout") + " 2>" + quote(dir + "/stderr") + " </dev/null";
  const int status = std::system(cmd.c_str());
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(dir + "/stdout");
  r.err = read_file(dir + "/stderr");
  if (!r.report_dir.empty() && std::filesystem::exists(r.report_dir + "/report.json")) {
    r.report_text = read_file(r.report_dir + "/report.json");
    r.report = nlohmann::json::parse(r.report_text);
    r.report_md = read_file(r.report_dir + "/report.md");
    r.report_csv = read_file(r.report_dir + "/report.csv");
    r.report_html = read_file(r.report_dir + "/report.html");
  }
  std::filesystem::remove_all(dir);
  return r;
}

PjsimRun run_default(const std::vector<std::string>& sets) {
  std::vector<std::string> args = {"run", "--quiet"};
  for (const std::string& s : sets) {
    args.push_back("--set");
    args.push_back(s);
  }
  return run_pjsim(args);
}

}  // namespace pjsim::testing
