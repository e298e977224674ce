// `pjsim serve` end to end on tiny-llama: the physics checks of docs/serving.md (issue 15).
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "run_pjsim.h"
#include "study_files.h"

using pjsim::testing::read_file;
using pjsim::testing::run_pjsim;
using pjsim::testing::TempDir;

namespace {

const std::vector<std::string> kTiny = {"--set", "workload.model=tiny-llama", "--quiet"};

pjsim::testing::PjsimRun serve(const std::string& out, std::vector<std::string> sets, std::vector<std::string> flags = {}) {
  std::vector<std::string> args = {"serve", "--out", out};
  args.insert(args.end(), kTiny.begin(), kTiny.end());
  for (const std::string& s : sets) args.insert(args.end(), {"--set", s});
  args.insert(args.end(), flags.begin(), flags.end());
  return run_pjsim(args);
}

nlohmann::json serve_json(const std::string& out) { return nlohmann::json::parse(read_file(out + "/serve.json")); }

// A plain JSONL trace of `n` requests.
std::string write_trace(const TempDir& dir, const std::string& name, const std::string& body) {
  std::ofstream(dir / name) << body;
  return dir / name;
}

double report_seconds(const pjsim::testing::PjsimRun& r) { return r.report.at("time").at("seconds").get<double>(); }
double report_energy(const pjsim::testing::PjsimRun& r) { return r.report.at("energy_pj").at("total").get<double>(); }

}  // namespace

TEST_CASE("serve: one request alone has the TTFT of its prefill and the TPOT of its decode step") {
  TempDir dir;
  const std::string trace = write_trace(dir, "one.jsonl", R"({"arrival_seconds": 0, "prompt_tokens": 300, "output_tokens": 5})");
  const auto s = serve(dir / "out", {"serving.requests.source=trace", "serving.requests.trace=" + trace}, {"--exact"});
  REQUIRE(s.exit_code == 0);
  const nlohmann::json j = serve_json(dir / "out");
  const auto prefill = run_pjsim({"run", "--quiet", "--set", "workload.model=tiny-llama", "--set", "workload.phase=prefill",
                                  "--set", "workload.prompt_tokens=300", "--set", "workload.batch=1"});
  REQUIRE(prefill.exit_code == 0);
  CHECK(j["metrics"]["mean_ttft_ms"].get<double>() == Approx(report_seconds(prefill) * 1e3).epsilon(0.01));
  // Decode steps attend 301..304 positions: their mean, 302.5, lies between the decode steps at 302 and 303.
  const auto decode = run_pjsim({"run", "--quiet", "--set", "workload.model=tiny-llama", "--set", "workload.batch=1",
                                 "--set", "workload.context_tokens=302"});
  REQUIRE(decode.exit_code == 0);
  CHECK(j["metrics"]["mean_tpot_ms"].get<double>() == Approx(report_seconds(decode) * 1e3).epsilon(0.01));
}

TEST_CASE("serve: B identical requests under static batching reproduce pjsim run's energy") {
  TempDir dir;
  std::string body;
  for (int i = 0; i < 8; ++i) body += R"({"arrival_seconds": 0, "prompt_tokens": 128, "output_tokens": 4})" "\n";
  const std::string trace = write_trace(dir, "eight.jsonl", body);
  const auto s = serve(dir / "out", {"serving.requests.source=trace", "serving.requests.trace=" + trace,
                                     "serving.batching=static", "serving.batch_size=8"}, {"--exact"});
  REQUIRE(s.exit_code == 0);
  const nlohmann::json j = serve_json(dir / "out");
  const auto prefill = run_pjsim({"run", "--quiet", "--set", "workload.model=tiny-llama", "--set", "workload.phase=prefill",
                                  "--set", "workload.prompt_tokens=128", "--set", "workload.batch=8"});
  double energy = report_energy(prefill);
  for (int k = 1; k <= 3; ++k) {
    const auto d = run_pjsim({"run", "--quiet", "--set", "workload.model=tiny-llama", "--set", "workload.batch=8", "--set",
                              "workload.context_tokens=" + std::to_string(128 + k)});
    REQUIRE(d.exit_code == 0);
    energy += report_energy(d);
  }
  CHECK(j["energy_joules"]["busy"].get<double>() == Approx(energy * 1e-12).epsilon(0.01));
  CHECK(j["steps"]["count"].get<int>() == 4);
}

TEST_CASE("serve: invariants of a generated stream, and a rerun is byte-identical") {
  TempDir dir;
  const std::vector<std::string> sets = {"serving.requests.count=30", "serving.requests.rate=40",
                                         "serving.requests.prompt.mean=200", "serving.requests.output.mean=20",
                                         "serving.requests.prompt.max=1000", "serving.requests.output.max=60"};
  const auto a = serve(dir / "a", sets);
  REQUIRE(a.exit_code == 0);
  const auto b = serve(dir / "b", sets);
  REQUIRE(b.exit_code == 0);
  for (const char* f : {"serve.json", "requests.csv", "serve.md"}) CHECK(read_file(dir / "a/" + f) == read_file(dir / "b/" + f));
  const nlohmann::json j = serve_json(dir / "a");
  const auto& m = j["metrics"];
  CHECK(m["completed"].get<int>() == 30);
  // Little's law over the whole replay.
  const auto& l = j["littles_law"];
  CHECK(l["mean_in_system"].get<double>() ==
        Approx(l["arrival_rate"].get<double>() * l["mean_latency_s"].get<double>()).epsilon(0.02));
  // Per-request energies (requests.csv) sum to the busy energy; families sum to the total.
  std::istringstream csv(read_file(dir / "a/requests.csv"));
  std::string line;
  std::getline(csv, line);
  double sum = 0;
  while (std::getline(csv, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
    sum += std::stod(cells.at(10));
  }
  const auto& e = j["energy_joules"];
  CHECK(sum == Approx(e["busy"].get<double>()).epsilon(1e-6));
  for (const char* fam : {"by_phase", "by_tier", "by_data"}) {
    double f = 0;
    for (const auto& [k, v] : e[fam].items()) f += v.get<double>();
    CHECK(f == Approx(e["total"].get<double>()).epsilon(1e-9));
  }
  CHECK(m["peak_kv_occupancy"].get<double>() <= 1.0);
  CHECK(read_file(dir / "a/serve.html").find("chart-cdf") != std::string::npos);
}

TEST_CASE("serve: bucketed step costs within 1% of --exact over a 200-request trace") {
#ifdef PJSIM_SANITIZED
  SUCCEED("skipped under the sanitizers: --exact simulates hundreds of steps");
  return;
#endif
  TempDir dir;
  const std::vector<std::string> sets = {"serving.requests.count=200", "serving.requests.rate=50",
                                         "serving.requests.prompt.mean=150", "serving.requests.output.mean=6",
                                         "serving.requests.prompt.max=600", "serving.requests.output.max=16"};
  const auto bucketed = serve(dir / "b", sets);
  const auto exact = serve(dir / "e", sets, {"--exact"});
  REQUIRE(bucketed.exit_code == 0);
  REQUIRE(exact.exit_code == 0);
  const nlohmann::json b = serve_json(dir / "b"), e = serve_json(dir / "e");
  CHECK(b["time_s"]["busy"].get<double>() == Approx(e["time_s"]["busy"].get<double>()).epsilon(0.01));
  CHECK(b["energy_joules"]["busy"].get<double>() == Approx(e["energy_joules"]["busy"].get<double>()).epsilon(0.01));
  CHECK(b["steps"]["simulated"].get<int>() < e["steps"]["simulated"].get<int>());
}

TEST_CASE("serve: served throughput never exceeds the max-batch decode step's") {
  TempDir dir;
  const auto s = serve(dir / "out", {"serving.requests.count=40", "serving.requests.rate=1000", "serving.max_num_seqs=16",
                                     "serving.requests.prompt.mean=64", "serving.requests.output.mean=24",
                                     "serving.requests.prompt.max=128", "serving.requests.output.max=48"});
  REQUIRE(s.exit_code == 0);
  const auto step = run_pjsim({"run", "--quiet", "--set", "workload.model=tiny-llama", "--set", "workload.batch=16",
                               "--set", "workload.context_tokens=64"});
  REQUIRE(step.exit_code == 0);
  const double step_rate = 16 / report_seconds(step);
  CHECK(serve_json(dir / "out")["metrics"]["output_throughput_tokens_per_sec"].get<double>() < step_rate);
}

TEST_CASE("serve: bad traces and settings are located errors, exit 2") {
  TempDir dir;
  const std::string bad = write_trace(dir, "bad.csv", "arrival_seconds,prompt_tokens,output_tokens\n0,10,5\n1,x,5\n");
  auto r = serve(dir / "o1", {"serving.requests.source=trace", "serving.requests.trace=" + bad});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("bad.csv:3") != std::string::npos);
  r = serve(dir / "o2", {"serving.requests.rate=0"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("serving.requests.rate") != std::string::npos);
  r = serve(dir / "o3", {"serving.slo.ttft=2"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("serving.slo.ttft") != std::string::npos);
  r = serve(dir / "o4", {"serving.batching=dynamic"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("continuous") != std::string::npos);
}

TEST_CASE("serve: --max-wall stops with a partial report that says so") {
  TempDir dir;
  const auto s = serve(dir / "out", {"serving.requests.count=100000", "serving.requests.rate=100"}, {"--max-wall", "2"});
  REQUIRE(s.exit_code == 0);
  const nlohmann::json j = serve_json(dir / "out");
  CHECK(j["partial"].get<bool>());
  CHECK(j["partial_reason"].get<std::string>().find("--max-wall") != std::string::npos);
}
