#include "reports/plot_gnuplot.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace pjsim::reports {

namespace {

std::string g_note;

std::string gnuplot_exe() {
  const char* env = std::getenv("PJSIM_GNUPLOT");
  return env && *env ? env : "gnuplot";
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

bool gnuplot_found(const std::string& exe) {
  const std::string cmd = "command -v " + shell_quote(exe) + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

}  // namespace

std::string gnuplot_note() { return g_note; }

std::string gnuplot_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string gnuplot_datum(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? '\'' : c;
  return out + "\"";
}

std::optional<std::string> render_svg(const std::string& script, const std::map<std::string, std::string>& data,
                                      int width, int height) {
  const std::string exe = gnuplot_exe();
  if (!gnuplot_found(exe)) {
    g_note = "gnuplot not found (" + exe + "): install the Debian package gnuplot-nox to get the plots";
    return std::nullopt;
  }
  char path[] = "/tmp/pjsim-plot-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) {
    g_note = "cannot create a temporary file for gnuplot";
    return std::nullopt;
  }
  close(fd);
  std::string text = fmt::format("set terminal svg size {},{} dynamic font 'sans,11' background rgb 'white'\n"
                                 "set output {}\nset encoding utf8\nset termoption noenhanced\n",
                                 width, height, gnuplot_quote(path));
  for (const auto& [name, rows] : data) text += "$" + name + " << EOD\n" + rows + "EOD\n";
  text += script + "\nunset output\n";

  FILE* pipe = popen((shell_quote(exe) + " 2>" + shell_quote(std::string(path) + ".err")).c_str(), "w");
  if (!pipe) {
    g_note = "cannot start gnuplot";
    std::remove(path);
    return std::nullopt;
  }
  fwrite(text.data(), 1, text.size(), pipe);
  const int status = pclose(pipe);
  std::ifstream in(path);
  std::stringstream svg;
  svg << in.rdbuf();
  std::ifstream err_in(std::string(path) + ".err");
  std::stringstream err;
  err << err_in.rdbuf();
  std::remove(path);
  std::remove((std::string(path) + ".err").c_str());
  const std::string out = svg.str();
  const auto start = out.find("<svg");
  if (status != 0 || start == std::string::npos) {
    std::string first = err.str().substr(0, err.str().find('\n', err.str().find_first_not_of(" \n")));
    g_note = "gnuplot failed: " + first;
    return std::nullopt;
  }
  g_note.clear();
  return out.substr(start);
}

}  // namespace pjsim::reports
