// Benchmark of simulation speed: runs the pjsim executable on fixed design points and scaling
// series (bench/bench_points.cc), each in its own process as a study would, and prints wall
// seconds, simulation events, events per second, simulated seconds and wall time per event.
// It first measures the start-up cost of a run (a point of 17 events: process, YAML, reports and
// report.html); "net" is CPU time (user + system, children
// included) above it, the part that grows with the simulation, and unlike wall time it does not
// count waiting for a core on a shared machine. For each series it prints how net time grows
// against events and against simulated cycles. Not part of the test suite: timings depend on the
// machine (docs/performance.md).
//
//   pjsim_bench [--filter SUBSTRING] [--repeat N] [--json FILE] [--pjsim PATH]
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "bench/bench_points.h"
#include "bench/bench_run.h"

namespace pjsim::bench {

namespace {

struct Options {
  std::string filter;
  int repeat = 1;
  std::string json;
  std::string pjsim = PJSIM_EXE;
};

bool selected(const Options& o, const std::string& label) {
  return o.filter.empty() || label.find(o.filter) != std::string::npos;
}

double net(const Measurement& m, double startup) { return std::max(m.cpu_s - startup, 1e-6); }

nlohmann::json to_json(const BenchPoint& p, const Measurement& m, double startup) {
  nlohmann::json j = {{"label", p.label}, {"sets", p.sets}, {"ok", m.ok}};
  if (!m.ok) {
    j["error"] = m.error;
    return j;
  }
  j.update({{"wall_s", m.wall_s},
            {"cpu_s", m.cpu_s},
            {"net_s", net(m, startup)},
            {"events", m.events},
            {"events_per_net_s", m.events / net(m, startup)},
            {"simulated_s", m.simulated_s},
            {"cycles", m.cycles}});
  return j;
}

std::string today() {
  const std::time_t t = std::time(nullptr);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::localtime(&t));
  return buf;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five;
  in >> one >> five;
  return one.empty() ? "unknown" : one + " " + five;
}

nlohmann::json run_points(const Options& o, double startup, const std::filesystem::path& out) {
  nlohmann::json rows = nlohmann::json::array();
  bool header = false;
  for (const BenchPoint& p : named_points()) {
    if (!selected(o, p.label)) continue;
    if (!header) {
      fmt::print("{:<66} {:>7} {:>7} {:>7} {:>9} {:>9} {:>11} {:>8}\n", "point", "wall s", "cpu s", "net s", "events",
                 "events/s", "simulated s", "us/event");
      header = true;
    }
    const Measurement m = measure(o.pjsim, p, o.repeat, out);
    if (!m.ok)
      fmt::print("{:<66} failed: {}\n", p.label, m.error);
    else
      fmt::print("{:<66} {:>7.3f} {:>7.3f} {:>7.3f} {:>9.0f} {:>9.3g} {:>11.4g} {:>8.2f}\n", p.label, m.wall_s, m.cpu_s,
                 net(m, startup), m.events, m.events / net(m, startup), m.simulated_s, net(m, startup) / m.events * 1e6);
    std::fflush(stdout);
    rows.push_back(to_json(p, m, startup));
  }
  return rows;
}

// One series: each row, then its growth from the first row. "net/events" near 1 means the time
// above start-up grows as the events do; "net/cycles" far from 1 means it does not follow
// simulated cycles.
nlohmann::json run_series(const Options& o, const BenchSeries& s, double startup, const std::filesystem::path& out) {
  nlohmann::json rows = nlohmann::json::array();
  bool have_first = false;
  Measurement first;
  for (const BenchPoint& p : s.points) {
    if (!selected(o, s.name + ": " + p.label)) continue;
    if (rows.empty()) {
      fmt::print("\nseries {}: {}\n", s.name, s.note);
      fmt::print("{:>14} {:>7} {:>7} {:>9} {:>11} {:>8} {:>7} {:>9} {:>9} {:>11} {:>11}\n", s.axis, "wall s", "net s",
                 "events", "simulated s", "us/event", "net x", "events x", "cycles x", "net/events", "net/cycles");
    }
    const Measurement m = measure(o.pjsim, p, o.repeat, out);
    nlohmann::json row = to_json(p, m, startup);
    if (!m.ok) {
      fmt::print("{:>14} failed: {}\n", p.label, m.error);
    } else {
      if (!have_first) {
        first = m;
        have_first = true;
      }
      const double net_x = net(m, startup) / net(first, startup), events_x = m.events / first.events;
      const double cycles_x = m.cycles / first.cycles;
      fmt::print("{:>14} {:>7.3f} {:>7.3f} {:>9.0f} {:>11.4g} {:>8.2f} {:>7.2f} {:>9.2f} {:>9.2f} {:>11.2f} {:>11.3g}\n",
                 p.label, m.wall_s, net(m, startup), m.events, m.simulated_s, net(m, startup) / m.events * 1e6, net_x,
                 events_x, cycles_x, net_x / events_x, net_x / cycles_x);
      row.update({{"net_x", net_x}, {"events_x", events_x}, {"cycles_x", cycles_x}});
    }
    std::fflush(stdout);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

}  // namespace pjsim::bench

int main(int argc, char** argv) {
  using namespace pjsim::bench;
  Options o;
  CLI::App app{"pjsim_bench: wall time and events per second of pjsim on fixed design points (docs/performance.md)"};
  app.add_option("--filter", o.filter, "run only points whose label (series: 'SERIES: VALUE') contains this");
  app.add_option("--repeat", o.repeat, "runs per point; the run of median CPU time is kept")->check(CLI::PositiveNumber);
  app.add_option("--json", o.json, "also write the figures to this JSON file");
  app.add_option("--pjsim", o.pjsim, "the pjsim executable to measure (default: this build's)");
  CLI11_PARSE(app, argc, argv);

  const auto out = std::filesystem::temp_directory_path() / ("pjsim-bench-" + std::to_string(getpid()));
  fmt::print("pjsim_bench {}: {} hardware threads, load average {}, median of {} run(s) per point\npjsim: {}\n", today(),
             std::thread::hardware_concurrency(), load_average(), o.repeat, o.pjsim);
  const Measurement start = measure(o.pjsim, startup_point(), std::max(o.repeat, 3), out);
  if (!start.ok) {
    fmt::print("{} failed: {}\n", startup_point().label, start.error);
    return 1;
  }
  fmt::print("{}: wall {:.3f} s, cpu {:.3f} s (net s = cpu s - {:.3f})\n\n", startup_point().label, start.wall_s,
             start.cpu_s, start.cpu_s);
  nlohmann::json figures = {{"date", today()},
                            {"hardware_threads", std::thread::hardware_concurrency()},
                            {"load_average", load_average()},
                            {"repeat", o.repeat},
                            {"pjsim", o.pjsim},
                            {"startup", to_json(startup_point(), start, 0)}};
  figures["points"] = run_points(o, start.cpu_s, out);
  figures["series"] = nlohmann::json::array();
  for (const BenchSeries& s : scaling_series()) {
    nlohmann::json rows = run_series(o, s, start.cpu_s, out);
    if (!rows.empty()) figures["series"].push_back({{"name", s.name}, {"axis", s.axis}, {"note", s.note}, {"points", rows}});
  }
  std::filesystem::remove_all(out);
  if (!o.json.empty()) {
    std::ofstream(o.json) << figures.dump(2) << "\n";
    fmt::print("\nfigures: {}\n", o.json);
  }
  return 0;
}
