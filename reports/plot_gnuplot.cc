#include "reports/plot_gnuplot.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "reports/shell_quote.h"

namespace pjsim::reports {

namespace {

std::string g_note;

std::string gnuplot_exe() {
  const char* env = std::getenv("PJSIM_GNUPLOT");
  return env && *env ? env : "gnuplot";
}

// Looked up once per process and executable: a sweep's points each render several charts.
bool gnuplot_found(const std::string& exe) {
  static std::map<std::string, bool> found;
  auto it = found.find(exe);
  if (it == found.end()) {
    const std::string cmd = "command -v " + shell_quote(exe) + " >/dev/null 2>&1";
    it = found.emplace(exe, std::system(cmd.c_str()) == 0).first;
  }
  return it->second;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
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
  return render_svgs({Plot{script, data, width, height}}).front();
}

std::vector<std::optional<std::string>> render_svgs(const std::vector<Plot>& plots) {
  std::vector<std::optional<std::string>> out(plots.size());
  if (plots.empty()) return out;
  const std::string exe = gnuplot_exe();
  if (!gnuplot_found(exe)) {
    g_note = "gnuplot not found (" + exe + "): install the Debian package gnuplot-nox to get the plots";
    return out;
  }
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < plots.size(); ++i) {
    char path[] = "/tmp/pjsim-plot-XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) {
      g_note = "cannot create a temporary file for gnuplot";
      for (const std::string& p : paths) std::remove(p.c_str());
      return out;
    }
    close(fd);
    paths.push_back(path);
  }
  std::string text;
  for (std::size_t i = 0; i < plots.size(); ++i) {
    const Plot& plot = plots[i];
    text += fmt::format("reset\nset terminal svg size {},{} dynamic font 'sans,11' background rgb 'white'\n"
                        "set output {}\nset encoding utf8\nset termoption noenhanced\n",
                        plot.width, plot.height, gnuplot_quote(paths[i]));
    for (const auto& [name, rows] : plot.data) text += "$" + name + " << EOD\n" + rows + "EOD\n";
    text += plot.script + "\nunset output\n";
  }

  const std::string err_path = paths.front() + ".err";
  FILE* pipe = popen((shell_quote(exe) + " 2>" + shell_quote(err_path)).c_str(), "w");
  if (!pipe) {
    g_note = "cannot start gnuplot";
    for (const std::string& p : paths) std::remove(p.c_str());
    return out;
  }
  fwrite(text.data(), 1, text.size(), pipe);
  const int status = pclose(pipe);
  const std::string err = read_file(err_path);
  std::remove(err_path.c_str());
  std::vector<std::string> svgs;
  for (const std::string& path : paths) {
    svgs.push_back(read_file(path));
    std::remove(path.c_str());
  }
  const bool rendered =
      status == 0 && std::all_of(svgs.begin(), svgs.end(), [](const std::string& svg) { return svg.find("<svg") != std::string::npos; });
  if (!rendered) {
    g_note = "gnuplot failed: " + err.substr(0, err.find('\n', err.find_first_not_of(" \n")));
    return out;
  }
  for (std::size_t i = 0; i < svgs.size(); ++i) out[i] = svgs[i].substr(svgs[i].find("<svg"));
  g_note.clear();
  return out;
}

}  // namespace pjsim::reports
