// The priced ledger of a stored report (ledger.csv, the point page's breakdowns) and the standard
// metrics: sums that must hold and closed forms, on the hand-priced synthetic run.
#include <catch2/catch.hpp>

#include <sstream>

#include "reports/ledger_rows.h"
#include "reports/point_breakdown.h"
#include "reports/report.h"
#include "reports/synthetic_run.h"

using namespace pjsim::reports;
using namespace pjsim::reports::testing;

TEST_CASE("the priced ledger of a report sums to its dynamic energy, ledger.csv holds one row per entry", "[reports]") {
  const nlohmann::json report = build_report(synthetic_run(), "0.1.0");
  const auto rows = priced_ledger_rows(report);
  REQUIRE(rows.size() == 9);
  double pj = 0;
  std::uint64_t macs = 0;
  for (const auto& r : rows) {
    pj += r.pj;
    if (r.tag.action == pjsim::models::Action::mac) macs += r.count;
  }
  CHECK(pj == Approx(kDynamicPj).epsilon(1e-12));
  CHECK(macs == report["counts"]["macs"]["total"].get<std::uint64_t>());

  const std::string csv = to_ledger_csv(report);
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  CHECK(line == "point,chip,core,layer,op,data,precision,action,count,pj");
  std::size_t n = 0;
  while (std::getline(in, line)) ++n;
  CHECK(n == 9);
  CHECK(csv.find("\nsynthetic,0,1,1,mlp,weights,,hbm_read_bits,16000,64000.0\n") != std::string::npos);  // precision n/a
  CHECK(csv.find("\nsynthetic,0,1,-1,lm_head,,int8,mac,500,100.0\n") != std::string::npos);            // data n/a

  nlohmann::json broken = report;
  broken["prices"] = nlohmann::json::array();
  CHECK_THROWS_AS(priced_ledger_rows(broken), std::invalid_argument);
}

TEST_CASE("breakdowns: tier x data class sums to each tier, ops and layers sum to dynamic", "[reports][physics]") {
  const nlohmann::json report = build_report(synthetic_run(), "0.1.0");
  const PointBreakdown b = breakdown_of(report);
  for (const auto& [tier, by_data] : b.tier_data_pj) {
    double sum = 0;
    for (const auto& [data, pj] : by_data) sum += pj;
    INFO(tier);
    CHECK(sum == Approx(report["energy_pj"]["by_tier"][tier].get<double>()));
  }
  CHECK(b.tier_data_pj.at("hbm").at("weights") == Approx(64000));
  CHECK(b.tier_data_pj.at("hbm").at("embedding") == Approx(8192));
  double ops = 0, layers = 0;
  for (const auto& [op, w] : b.by_op) ops += w.pj;
  for (const auto& [layer, w] : b.by_layer) layers += w.pj;
  CHECK(ops == Approx(kDynamicPj));
  CHECK(layers == Approx(kDynamicPj));
  CHECK(b.by_op.at("mlp").macs == 2000);
  CHECK(b.by_op.at("mlp").hbm_bits == 16000);
  CHECK(b.mac_pj == Approx(1900));
  CHECK(b.hbm_pj_per_bit == Approx(4.0));
}

TEST_CASE("what bounds an op: the largest lower-bound time on the machine", "[reports][physics]") {
  pjsim::reports::RunResult r = synthetic_run();
  // 1 chip x 1 core x 1 unit of 10 x 10 at 1 GHz: 1e11 MAC/s; HBM 1e3 B/s; vector 1e9 op/s.
  r.config["arch"] = {{"chip", {{"cores", 1}, {"frequency", "1000000000 Hz"}, {"hbm", {{"bandwidth", "1000 B/s"}}}}},
                      {"core", {{"matrix_units", 1}, {"array", {{"rows", 10}, {"cols", 10}}}, {"vector", {{"lanes", 1}}}}}};
  r.chips = 1;
  const PointBreakdown b = breakdown_of(build_report(r, "0.1.0"));
  // mlp: 2000 MACs -> 2e-8 s; 16000 HBM bits = 2000 B -> 2 s: memory.
  CHECK(b.by_op.at("mlp").bound == "memory");
  CHECK(b.by_op.at("mlp").roof_seconds == Approx(2.0));
  // norm: 300 vector ops -> 3e-7 s and nothing moved from HBM: compute.
  CHECK(b.by_op.at("norm").bound == "compute");
  CHECK(b.by_op.at("norm").roof_seconds == Approx(3e-7));
}

TEST_CASE("standard metrics: joules per token, watts, MFU, TPOT and TTFT by their definitions", "[reports][physics]") {
  pjsim::reports::RunResult r = synthetic_run();
  r.config["arch"] = {{"chip", {{"cores", 2}, {"frequency", "1000000000 Hz"}}},
                      {"core", {{"matrix_units", 1}, {"array", {{"rows", 10}, {"cols", 10}}}}}};
  const nlohmann::json j = build_report(r, "0.1.0");
  const auto& m = j["metrics"];
  CHECK(j["schema_version"] == "1.3");
  CHECK(m["energy_per_token_joules"].get<double>() == Approx(kTotalPj / 16 * 1e-12));
  CHECK(m["energy_joules"].get<double>() == Approx(kTotalPj * 1e-12));
  CHECK(m["avg_power_watts"].get<double>() == Approx(kTotalPj * 1e-12 / 0.002));
  CHECK(m["tokens_per_second"].get<double>() == Approx(16 / 0.002));
  // peak = 2 chips x 2 cores x 1 unit x 100 PEs x 1 GHz = 4e11 MAC/s; 3500 MACs in 2 ms.
  CHECK(m["mfu"].get<double>() == Approx(3500 / (0.002 * 4e11)));
  CHECK(m["tpot_seconds"].get<double>() == Approx(0.002));
  CHECK_FALSE(m.contains("ttft_seconds"));
  r.phase = "prefill";
  const nlohmann::json p = build_report(r, "0.1.0");
  CHECK(p["metrics"]["ttft_seconds"].get<double>() == Approx(0.002));
  CHECK_FALSE(p["metrics"].contains("tpot_seconds"));
}
