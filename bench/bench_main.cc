// Benchmark of simulation speed: runs the pjsim executable on fixed design points (each in its
// own process, as a study would), and prints wall seconds per point and simulation events per
// second. Not part of the test suite: timings depend on the machine.
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace {

struct BenchPoint {
  std::string label;
  std::vector<std::string> sets;
};

const std::vector<BenchPoint>& points() {
  static const std::vector<BenchPoint> all = {
      {"default: Llama-3-8B decode, batch 16, ctx 2048", {}},
      {"Llama-3-8B decode, batch 1", {"workload.batch=1"}},
      {"Llama-3-8B decode, batch 256, ctx 512", {"workload.batch=256", "workload.context_tokens=512"}},
      // 70B in bf16 needs 141 GB: one TPU-v4-like chip with an Ironwood-sized HBM (192 GiB).
      {"Llama-3-70B prefill, 8k tokens (192 GiB HBM)",
       {"workload.model=llama-3-70b", "workload.phase=prefill", "workload.prompt_tokens=8192", "workload.batch=1",
        "arch.chip.hbm.capacity=192 GiB"}},
      {"Llama-3-70B decode, batch 8, 4x4x4 torus, tensor [x,y,z]",
       {"workload.model=llama-3-70b", "workload.batch=8", "workload.context_tokens=1024", "arch.topology.kind=torus3d",
        "arch.topology.dims=[4, 4, 4]", "workload.mapping.tensor=[x, y, z]"}},
      {"Mixtral-8x7B decode, batch 64, expert parallel on 8 chips",
       {"workload.model=mixtral-8x7b", "workload.batch=64", "workload.context_tokens=1024", "arch.topology.dims=[8, 1]",
        "workload.mapping.expert=[x]"}},
      {"Llama-3-8B decode, batch 1, 128k context over 4 chips (context [x])",
       {"workload.batch=1", "workload.context_tokens=131072", "arch.topology.dims=[4, 1]", "workload.mapping.context=[x]"}},
  };
  return all;
}

}  // namespace

int main() {
  const auto out = std::filesystem::temp_directory_path() / "pjsim-bench";
  fmt::print("{:<62} {:>10} {:>12} {:>14} {:>14}\n", "point", "wall s", "events", "events/s", "simulated s");
  for (const BenchPoint& p : points()) {
    std::string cmd = std::string("'") + PJSIM_EXE + "' run --quiet --out '" + out.string() + "'";
    for (const std::string& s : p.sets) cmd += " --set '" + s + "'";
    cmd += " >/dev/null";
    const auto start = std::chrono::steady_clock::now();
    const int status = std::system(cmd.c_str());
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      fmt::print("{:<62} failed (exit status {})\n", p.label, status);
      continue;
    }
    std::ifstream in(out / "report.json");
    const auto report = nlohmann::json::parse(in);
    const double events = report["simulation"]["events"].get<double>();
    fmt::print("{:<62} {:>10.3f} {:>12.0f} {:>14.0f} {:>14.6f}\n", p.label, wall, events, events / wall,
               report["time"]["seconds"].get<double>());
  }
  std::filesystem::remove_all(out);
  return 0;
}
