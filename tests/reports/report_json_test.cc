#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "models/pricing.h"
#include "reports/report.h"
#include "reports/synthetic_run.h"

using namespace pjsim;
using namespace pjsim::reports;
using namespace pjsim::reports::testing;
using Json = nlohmann::json;

namespace {

double sum_of(const Json& obj) {
  double s = 0;
  for (const auto& [k, v] : obj.items()) s += v.get<double>();
  return s;
}

std::vector<std::string> keys_of(const Json& obj) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : obj.items()) keys.push_back(k);
  return keys;
}

double rel_err(double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-300); }

}  // namespace

TEST_CASE("report has every required key", "[reports]") {
  const Json j = build_report(synthetic_run(), "0.1.0");
  for (const char* ptr :
       {"/schema_version", "/pjsim_version", "/name", "/config", "/config_hash", "/time/seconds", "/time/cycles",
        "/time/frequency_hz", "/tokens/generated", "/tokens/processed", "/tokens/per_second",
        "/tokens/energy_pj_per_token", "/tokens/basis", "/energy_pj/total", "/energy_pj/dynamic", "/energy_pj/static",
        "/energy_pj/by_tier", "/energy_pj/by_op", "/energy_pj/by_layer", "/energy_pj/by_core", "/energy_pj/by_action",
        "/energy_pj/by_data", "/counts/macs/total", "/counts/vector_ops/total", "/counts/bits", "/counts/bits_by_data",
        "/prices", "/prices_static/static_power_w", "/prices_static/chips", "/ratios/movement_to_compute",
        "/ratios/hbm_bits_per_mac", "/ratios/pj_per_mac_all_in", "/utilisation", "/simulation/events"}) {
    INFO(ptr);
    CHECK(j.contains(Json::json_pointer(ptr)));
  }
  CHECK(j["schema_version"] == kSchemaVersion);
  CHECK(j["pjsim_version"] == "0.1.0");
  CHECK(j["config"] == synthetic_run().config);
}

TEST_CASE("fixed vocabularies are present even when zero", "[reports]") {
  const Json j = build_report(synthetic_run(), "0.1.0");
  const auto& e = j["energy_pj"];
  CHECK(keys_of(e["by_tier"]) == std::vector<std::string>{"compute", "hbm", "ici", "noc", "sram", "static"});
  CHECK(keys_of(e["by_op"]) ==
        std::vector<std::string>{"attention", "collective", "draft", "embedding", "lm_head", "metadata", "mlp", "norm",
                                 "projection", "residual", "router", "scales"});
  CHECK(keys_of(e["by_layer"]) == std::vector<std::string>{"draft", "embedding", "head", "layer0", "layer1"});
  CHECK(keys_of(e["by_core"]) ==
        std::vector<std::string>{"chip0.core0", "chip0.core1", "chip1.core0", "chip1.core1"});
  CHECK(keys_of(e["by_action"]).size() == models::all_actions().size());
  CHECK(keys_of(e["by_data"]) ==
        std::vector<std::string>{"activations", "compute", "embedding", "kv", "metadata", "scales", "weights"});
  const std::vector<std::string> bit_keys{"hbm_read", "hbm_write", "ici_bit_hops", "noc_bit_hops", "sram_read",
                                          "sram_write"};
  CHECK(keys_of(j["counts"]["bits"]) == bit_keys);
  CHECK(keys_of(j["counts"]["bits_by_data"]) == bit_keys);
  for (const auto& [k, by_class] : j["counts"]["bits_by_data"].items())
    CHECK(keys_of(by_class) == std::vector<std::string>{"activations", "embedding", "kv", "metadata", "scales", "weights"});
  CHECK(e["by_tier"]["ici"].get<double>() == 0.0);
  CHECK(e["by_op"]["residual"].get<double>() == 0.0);
  CHECK(e["by_core"]["chip1.core1"].get<double>() == 0.0);
}

TEST_CASE("breakdowns sum to their totals", "[reports]") {
  const Json j = build_report(synthetic_run(), "0.1.0");
  const auto& e = j["energy_pj"];
  const double dynamic = e["dynamic"].get<double>();
  CHECK(rel_err(sum_of(e["by_tier"]), e["total"].get<double>()) < 1e-9);
  for (const char* key : {"by_op", "by_layer", "by_core", "by_action", "by_data"}) {
    INFO(key);
    CHECK(rel_err(sum_of(e[key]), dynamic) < 1e-9);
  }
  CHECK(e["total"].get<double>() == Approx(e["dynamic"].get<double>() + e["static"].get<double>()));

  double priced = 0;
  for (const auto& p : j["prices"]) priced += p["energy_pj"].get<double>();
  CHECK(rel_err(priced, dynamic) < 1e-9);
  for (const auto& [key, by_class] : j["counts"]["bits_by_data"].items()) {
    std::uint64_t bits = 0;
    for (const auto& [cls, n] : by_class.items()) bits += n.get<std::uint64_t>();
    INFO(key);
    CHECK(bits == j["counts"]["bits"][key].get<std::uint64_t>());
  }
}

TEST_CASE("energies equal count x price by hand", "[reports]") {
  const Json j = build_report(synthetic_run(), "0.1.0");
  const auto& e = j["energy_pj"];
  CHECK(e["dynamic"].get<double>() == Approx(kDynamicPj));
  CHECK(e["static"].get<double>() == Approx(1e-6 * 0.002 * 1e12 * 2));
  CHECK(e["total"].get<double>() == Approx(kTotalPj));

  CHECK(e["by_tier"]["compute"].get<double>() == Approx(600 + 1200 + 100 + 270));
  CHECK(e["by_tier"]["sram"].get<double>() == Approx(800 + 480));
  CHECK(e["by_tier"]["hbm"].get<double>() == Approx(64000 + 8192));
  CHECK(e["by_tier"]["noc"].get<double>() == Approx(60));
  CHECK(e["by_tier"]["static"].get<double>() == Approx(kStaticPj));

  CHECK(e["by_op"]["mlp"].get<double>() == Approx(1200 + 480 + 64000));
  CHECK(e["by_op"]["projection"].get<double>() == Approx(600 + 800));
  CHECK(e["by_op"]["embedding"].get<double>() == Approx(8192));
  CHECK(e["by_layer"]["embedding"].get<double>() == Approx(8192));
  CHECK(e["by_layer"]["head"].get<double>() == Approx(100));
  CHECK(e["by_layer"]["layer0"].get<double>() == Approx(600 + 270 + 800 + 60));
  CHECK(e["by_layer"]["layer1"].get<double>() == Approx(1200 + 480 + 64000));
  CHECK(e["by_core"]["chip0.core0"].get<double>() == Approx(600 + 270 + 800 + 8192));
  CHECK(e["by_core"]["chip0.core1"].get<double>() == Approx(1200 + 100 + 480 + 64000));
  CHECK(e["by_core"]["chip1.core0"].get<double>() == Approx(60));
  CHECK(e["by_action"]["mac"].get<double>() == Approx(1900));
  CHECK(e["by_action"]["hbm_read_bits"].get<double>() == Approx(72192));
  CHECK(e["by_data"]["compute"].get<double>() == Approx(2170));
  CHECK(e["by_data"]["weights"].get<double>() == Approx(800 + 64000));
  CHECK(e["by_data"]["kv"].get<double>() == Approx(60));
}

TEST_CASE("counts are exact unsigned integers", "[reports]") {
  const Json j = build_report(synthetic_run(), "0.1.0");
  const auto& c = j["counts"];
  CHECK(c["macs"]["total"].is_number_unsigned());
  CHECK(c["macs"]["total"].get<std::uint64_t>() == 3500);
  CHECK(c["macs"]["bf16"].get<std::uint64_t>() == 3000);
  CHECK(c["macs"]["int8"].get<std::uint64_t>() == 500);
  CHECK(c["macs"]["fp32"].get<std::uint64_t>() == 0);
  CHECK(c["vector_ops"]["total"].get<std::uint64_t>() == 300);
  CHECK(c["bits"]["sram_read"].get<std::uint64_t>() == 8000);
  CHECK(c["bits"]["sram_write"].get<std::uint64_t>() == 4000);
  CHECK(c["bits"]["hbm_read"].get<std::uint64_t>() == 18048);
  CHECK(c["bits"]["hbm_write"].get<std::uint64_t>() == 0);
  CHECK(c["bits"]["noc_bit_hops"].get<std::uint64_t>() == 1200);
  CHECK(c["bits"]["ici_bit_hops"].get<std::uint64_t>() == 0);
  CHECK(c["bits_by_data"]["hbm_read"]["weights"].get<std::uint64_t>() == 16000);
  CHECK(c["bits_by_data"]["hbm_read"]["embedding"].get<std::uint64_t>() == 2048);
  CHECK(c["bits_by_data"]["noc_bit_hops"]["kv"].get<std::uint64_t>() == 1200);
  CHECK(j["time"]["cycles"].get<std::uint64_t>() == 3000000);
  CHECK(j["simulation"]["events"].get<std::uint64_t>() == 12345);
}

TEST_CASE("prices list each used key once, sorted, with its totals", "[reports]") {
  const Json j = build_report(synthetic_run(), "0.1.0");
  std::vector<std::string> keys;
  for (const auto& p : j["prices"]) keys.push_back(p["key"]);
  CHECK(keys == std::vector<std::string>{"arch.technology.hbm_read", "arch.technology.mac.bf16",
                                         "arch.technology.mac.int8", "arch.technology.noc_hop",
                                         "arch.technology.sram_read", "arch.technology.sram_write",
                                         "arch.technology.vector_op.bf16"});
  const auto& hbm = j["prices"][0];
  CHECK(hbm["action"] == "hbm_read_bits");
  CHECK(hbm["pj"].get<double>() == Approx(4.0));
  CHECK(hbm["unit"] == "pJ/bit");
  CHECK(hbm["source"] == "test: hbm read");
  CHECK(hbm["count"].get<std::uint64_t>() == 18048);
  CHECK(hbm["energy_pj"].get<double>() == Approx(18048 * 4.0));
  CHECK(j["prices_static"]["static_power_w"].get<double>() == Approx(1e-6));
  CHECK(j["prices_static"]["chips"].get<std::uint64_t>() == 2);
}

TEST_CASE("ratios, tokens and utilisation follow their definitions", "[reports]") {
  const Json j = build_report(synthetic_run(), "0.1.0");
  CHECK(j["ratios"]["movement_to_compute"].get<double>() == Approx((1280.0 + 72192.0 + 60.0) / 1900.0));
  CHECK(j["ratios"]["hbm_bits_per_mac"].get<double>() == Approx(18048.0 / 3500.0));
  CHECK(j["ratios"]["pj_per_mac_all_in"].get<double>() == Approx(kTotalPj / 3500.0));
  CHECK(j["tokens"]["basis"] == "generated");
  CHECK(j["tokens"]["per_second"].get<double>() == Approx(16 / 0.002));
  CHECK(j["tokens"]["energy_pj_per_token"].get<double>() == Approx(kTotalPj / 16));
  CHECK(j["utilisation"]["matrix"].get<double>() == Approx(0.003 / (4 * 0.002)));
  CHECK(j["utilisation"]["hbm"].get<double>() == Approx(0.001 / (2 * 0.002)));
  CHECK(j["time"]["steps"].get<std::uint64_t>() == 1);
  CHECK(j["time"]["seconds_per_step"].get<double>() == Approx(0.002));
}

TEST_CASE("prefill figures per processed token and decode steps divide latency", "[reports]") {
  RunResult prefill = synthetic_run();
  prefill.phase = "prefill";
  prefill.tokens_processed = 2048;
  prefill.tokens_generated = 4;
  const Json p = build_report(prefill, "0.1.0");
  CHECK(p["tokens"]["basis"] == "processed");
  CHECK(p["tokens"]["per_second"].get<double>() == Approx(2048 / 0.002));
  CHECK(p["tokens"]["energy_pj_per_token"].get<double>() == Approx(kTotalPj / 2048));

  RunResult decode = synthetic_run();
  decode.config["workload"]["steps"] = 4;
  const Json d = build_report(decode, "0.1.0");
  CHECK(d["time"]["steps"].get<std::uint64_t>() == 4);
  CHECK(d["time"]["seconds_per_step"].get<double>() == Approx(0.0005));
}

TEST_CASE("zero time and no MACs give zeros, never NaN", "[reports]") {
  RunResult r = synthetic_run();
  r.seconds = 0;
  r.ledger = models::Ledger{};
  const Json j = build_report(r, "0.1.0");
  CHECK(j["tokens"]["per_second"].get<double>() == 0.0);
  CHECK(j["ratios"]["movement_to_compute"].get<double>() == 0.0);
  CHECK(j["ratios"]["pj_per_mac_all_in"].get<double>() == 0.0);
  CHECK(j["utilisation"]["matrix"].get<double>() == 0.0);
  CHECK(j["energy_pj"]["total"].get<double>() == 0.0);
  CHECK(dump_report(j).find("null") == std::string::npos);
}

TEST_CASE("the same run dumps byte-identically", "[reports]") {
  const std::string a = dump_report(build_report(synthetic_run(), "0.1.0"));
  const std::string b = dump_report(build_report(synthetic_run(), "0.1.0"));
  CHECK(a == b);
  CHECK(a.back() == '\n');
  CHECK(Json::parse(a) == build_report(synthetic_run(), "0.1.0"));
}

TEST_CASE("a counted action without a price throws MissingPrice naming its key", "[reports][errors]") {
  RunResult r = synthetic_run();
  r.ledger.add(tag(models::Action::mac, 0, 0, 0, workloads::OpCategory::projection, workloads::DataClass::activations,
                   workloads::Precision::fp8_e4m3),
               10);
  try {
    build_report(r, "0.1.0");
    FAIL("expected MissingPrice");
  } catch (const models::MissingPrice& e) {
    CHECK(e.key_path == "arch.technology.mac.fp8_e4m3");
  }

  RunResult no_hbm = synthetic_run();
  no_hbm.technology.hbm_read.reset();
  try {
    build_report(no_hbm, "0.1.0");
    FAIL("expected MissingPrice");
  } catch (const models::MissingPrice& e) {
    CHECK(e.key_path == "arch.technology.hbm_read");
  }
}
