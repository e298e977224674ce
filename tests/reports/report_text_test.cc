#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "reports/report.h"
#include "reports/synthetic_run.h"

using namespace pjsim::reports;
using namespace pjsim::reports::testing;
using Json = nlohmann::json;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::size_t numbers_in(const Json& j) {
  if (j.is_number()) return 1;
  std::size_t n = 0;
  if (j.is_structured())
    for (const auto& child : j) n += numbers_in(child);
  return n;
}

// The value of a CSV row, or NaN when absent.
double csv_value(const std::string& csv, const std::string& key) {
  for (const auto& line : lines_of(csv))
    if (line.rfind(key + ",", 0) == 0) return std::stod(line.substr(key.size() + 1));
  return std::nan("");
}

}  // namespace

TEST_CASE("CSV holds every number but config and ledger, by dotted path", "[reports]") {
  const Json report = build_report(synthetic_run(), "0.1.0");
  const std::string csv = to_csv(report);
  const auto lines = lines_of(csv);
  REQUIRE(!lines.empty());
  CHECK(lines.front() == "key,value,unit,description,point");

  Json without_config = report;
  without_config.erase("config");
  without_config.erase("ledger");  // the tagged counts are in the JSON only
  CHECK(lines.size() == 1 + numbers_in(without_config));
  for (const auto& line : lines) {
    INFO(line);
    CHECK(line.rfind("config.", 0) != 0);
    CHECK(line.rfind("config,", 0) != 0);
  }

  CHECK(csv_value(csv, "energy_pj.total") == Approx(kTotalPj));
  CHECK(csv_value(csv, "energy_pj.by_tier.hbm") == Approx(72192));
  CHECK(csv_value(csv, "energy_pj.by_core.chip0.core1") == Approx(65780));
  CHECK(csv_value(csv, "prices.arch.technology.hbm_read.energy_pj") == Approx(72192));
  CHECK(csv.find("\ncounts.macs.total,3500,MAC,") != std::string::npos);
  CHECK(csv.find("\ncounts.bits_by_data.hbm_read.weights,16000,bit,") != std::string::npos);
  // Every row names its unit (none falls through to the catch-all) and ends with the point.
  for (std::size_t i = 1; i < lines.size(); ++i) {
    INFO(lines[i]);
    CHECK(lines[i].find(",,") == std::string::npos);
    CHECK(lines[i].size() > std::string(",synthetic").size());
    CHECK(lines[i].substr(lines[i].size() - std::string(",synthetic").size()) == ",synthetic");
  }
  CHECK(csv.find("\nprices.arch.technology.hbm_read.pj,4.0,pJ/bit,") != std::string::npos);  // the row's own unit
  CHECK(csv.find("\nmetrics.energy_per_token_joules,") != std::string::npos);
  CHECK(to_csv(build_report(synthetic_run(), "0.1.0")) == csv);
}

TEST_CASE("CSV quotes keys holding commas", "[reports]") {
  RunResult r = synthetic_run();
  r.busy["dma, channel 0"] = {0.001, 1};
  const std::string csv = to_csv(build_report(r, "0.1.0"));
  CHECK(csv.find("\n\"utilisation.dma, channel 0\",0.5,-,") != std::string::npos);
}

TEST_CASE("console summary shows throughput, energy per token and every tier", "[reports]") {
  const std::string s = console_summary(build_report(synthetic_run(), "0.1.0"));
  CHECK(s.find("synthetic") != std::string::npos);
  CHECK(s.find("decode, batch 16") != std::string::npos);
  CHECK(s.find("8.00 ktok/s") != std::string::npos);  // 16 tokens / 2 ms
  CHECK(s.find("2.00 ms") != std::string::npos);
  CHECK(s.find("energy/token") != std::string::npos);
  for (const char* tier : {"compute", "sram", "hbm", "noc", "ici", "static"}) {
    INFO(tier);
    CHECK(s.find(std::string("    ") + tier + " ") != std::string::npos);
  }
  CHECK(s.find("90.6 %") != std::string::npos);  // hbm: 72192 / 79702
  CHECK(s.find("movement/compute") != std::string::npos);
  const auto lines = lines_of(s);
  CHECK(lines.size() >= 10);
  CHECK(lines.size() <= 16);
}

TEST_CASE("console summary tolerates a report without config or phase", "[reports]") {
  Json report = build_report(synthetic_run(), "0.1.0");
  report.erase("config");
  report.erase("phase");
  const std::string s = console_summary(report);
  CHECK(s.find("synthetic") != std::string::npos);
  CHECK(s.find("tok/s") != std::string::npos);
}

TEST_CASE("markdown has the title, tables and price sources", "[reports]") {
  const Json report = build_report(synthetic_run(), "0.1.0");
  const std::string md = to_markdown(report);
  CHECK(md.rfind("# pjsim report: synthetic\n", 0) == 0);
  for (const char* heading : {"## Key figures", "## Energy by tier", "## Energy by op", "## Energy by layer",
                              "## Counts", "## Prices", "## Utilisation"}) {
    INFO(heading);
    CHECK(md.find(heading) != std::string::npos);
  }
  CHECK(md.find("| hbm | 72192 | 90.6 % |") != std::string::npos);
  CHECK(md.find("| macs | total | 3500 |") != std::string::npos);
  CHECK(md.find("test: sram read \\| 1 MiB") != std::string::npos);  // bar escaped inside a cell
  CHECK(md.find("| arch.technology.mac.bf16 | 0.6 pJ/MAC | 3000 | 1800 | test: bf16 mac |") != std::string::npos);
  // Layers in network order, not string order.
  CHECK(md.find("| embedding | 8192") < md.find("| layer0 |"));
  CHECK(md.find("| layer1 |") < md.find("| head |"));
  CHECK(to_markdown(build_report(synthetic_run(), "0.1.0")) == md);
}
