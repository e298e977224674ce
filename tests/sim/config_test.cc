#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/static_power.h"
#include "sim/config/load.h"
#include "sim/config/presets.h"
#include "sim/config/schema.h"

namespace fs = std::filesystem;
using pjsim::sim::DesignPoint;
using pjsim::sim::load_design_point;
using pjsim::sim::LoadRequest;
using pjsim::sim::UserError;
using pjsim::workloads::Precision;

namespace {

// Writes `text` to a fresh file in a per-test scratch directory and returns its path.
std::string scratch_file(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "pjsim_config_test";
  fs::create_directories(dir);
  const fs::path path = dir / name;
  std::ofstream(path) << text;
  return path.string();
}

DesignPoint load(const std::string& point_file = "", std::vector<std::string> sets = {}) {
  LoadRequest req;
  req.point_file = point_file;
  req.sets = std::move(sets);
  return load_design_point(req);
}

std::string load_error(const LoadRequest& req) {
  try {
    load_design_point(req);
  } catch (const UserError& e) {
    return e.what();
  }
  FAIL("no UserError");
  return "";
}

}  // namespace

TEST_CASE("the embedded default point loads with the preset's numbers", "[sim]") {
  const DesignPoint p = load();
  CHECK(p.name == "default");
  CHECK(p.arch.name == "tpu-v4-like");
  CHECK(p.arch.chip.cores == 2);
  CHECK(p.arch.chip.frequency_hz == 1.05e9);
  CHECK(p.arch.chip.static_power_w == 0);  // no lump: static power comes by component
  CHECK(pjsim::models::static_watts(pjsim::models::static_lines(p.arch)) == Approx(90).epsilon(1e-12));
  CHECK(p.arch.core.matrix.macs_per_cycle.at(pjsim::workloads::Precision::int8) == 1);
  CHECK(p.arch.chip.hbm.capacity_bytes == 32.0 * (1ULL << 30));
  CHECK(p.arch.chip.hbm.bandwidth_bytes_per_s == 1.2e12);
  CHECK(p.arch.chip.hbm.channels == 32);
  CHECK(p.arch.chip.hbm.latency_s == Approx(100e-9));
  CHECK(p.arch.core.matrix.units == 4);
  CHECK(p.arch.core.matrix.rows == 128);
  CHECK(p.arch.core.matrix.cols == 128);
  CHECK(p.arch.core.matrix.dataflow == pjsim::models::Dataflow::weight_stationary);
  CHECK(p.arch.core.sram.capacity_bytes == 16.0 * (1 << 20));
  CHECK(p.arch.core.vector.lanes == 2048);
  CHECK(p.arch.core.dma.buffers == 2);

  const auto& t = p.arch.technology;
  CHECK(t.name == "tpu-7nm");
  CHECK(t.mac.at(Precision::bf16).pj == 0.59);
  CHECK(t.mac.at(Precision::bf16).unit == "pJ/MAC");
  CHECK_THAT(t.mac.at(Precision::bf16).source, Catch::Contains("Jouppi"));
  CHECK(t.vector_op.at(Precision::bf16).unit == "pJ/op");
  CHECK(t.hbm_read->pj == 3.97);
  CHECK(t.hbm_read->unit == "pJ/bit");
  CHECK(t.noc_hop->unit == "pJ/bit/hop");
  CHECK(t.ici_link->unit == "pJ/bit");
  CHECK(t.vector_op.count(Precision::int4) == 0);

  const auto& w = p.workload;
  CHECK(w.model.name == "llama-3-8b");
  CHECK(w.model.hidden_size == 4096);
  CHECK(w.model.num_key_value_heads == 8);
  CHECK(w.model.head_dim == 128);
  CHECK(w.model.gated_mlp);
  CHECK(w.phase == pjsim::workloads::Phase::decode);
  CHECK(w.batch == 16);
  CHECK(w.context_tokens == 2048);
  CHECK(w.steps == 1);
  CHECK(w.precision.kv == Precision::bf16);

  CHECK(p.hbm_capacity_location.file == "preset:tpu-v4-like");
  CHECK(p.hbm_capacity_location.line > 0);
  CHECK(p.sram_capacity_location.line > 0);
}

TEST_CASE("a section's base preset is overridden key by key and a new base replaces it", "[sim]") {
  const std::string file = scratch_file("bases.yaml",
                                        "arch:\n"
                                        "  base: tpu-v4-like\n"
                                        "  chip: {cores: 4}\n"
                                        "  technology: {mac: {bf16: \"0.5 pJ\"}}\n"
                                        "workload: {model: tiny-llama, context_tokens: 16}\n");
  const DesignPoint p = load(file);
  CHECK(p.name == "bases");
  CHECK(p.arch.name == "tpu-v4-like");
  CHECK(p.arch.chip.cores == 4);
  CHECK(p.arch.chip.frequency_hz == 1.05e9);
  CHECK(p.arch.technology.name == "tpu-7nm");
  CHECK(p.arch.technology.mac.at(Precision::bf16).pj == 0.5);
  CHECK(p.arch.technology.mac.at(Precision::bf16).source == "set in " + file + ":4");
  CHECK(p.arch.technology.mac.at(Precision::fp32).pj == 1.69);
  CHECK(p.workload.batch == 1);  // schema default
  CHECK(p.hbm_capacity_location.file == "preset:tpu-v4-like");

  const std::string other = scratch_file("other_tech.yaml",
                                         "arch: {base: tpu-v4-like, technology: horowitz-45nm}\n"
                                         "workload: {model: tiny-llama, context_tokens: 16}\n");
  const DesignPoint q = load(other);
  CHECK(q.arch.technology.name == "horowitz-45nm");
  CHECK(q.arch.technology.mac.at(Precision::bf16).pj == 1.5);
  CHECK(q.arch.technology.mac.count(Precision::fp8_e4m3) == 0);  // replaced, not merged
}

TEST_CASE("set overrides nested keys and whole sections, in order", "[sim]") {
  const DesignPoint p = load("", {"workload.batch=64", "arch.technology.mac.bf16=0.5 pJ",
                                  "arch.chip.hbm={capacity: \"64 GiB\"}", "workload.batch=32"});
  CHECK(p.workload.batch == 32);
  CHECK(p.arch.technology.mac.at(Precision::bf16).pj == 0.5);
  CHECK(p.arch.technology.mac.at(Precision::bf16).source == "set in --set");
  CHECK(p.arch.chip.hbm.capacity_bytes == 64.0 * (1ULL << 30));
  CHECK(p.arch.chip.hbm.bandwidth_bytes_per_s == 1.2e12);  // merged, not replaced

  const DesignPoint q = load("", {"workload.model=llama-3-70b", "arch.chip.hbm.capacity=1 TiB"});
  CHECK(q.workload.model.name == "llama-3-70b");
  CHECK(q.workload.model.hidden_size == 8192);
  CHECK(q.workload.batch == 16);  // the rest of the workload section stays

  const DesignPoint r = load("", {"arch.technology.hbm_read={value: \"3.4 pJ/bit\", source: \"SK hynix IEDM 2023\"}"});
  CHECK(r.arch.technology.hbm_read->pj == 3.4);
  CHECK(r.arch.technology.hbm_read->source == "SK hynix IEDM 2023");
}

TEST_CASE("arch and workload options replace whole sections from a preset or a file", "[sim]") {
  LoadRequest req;
  req.arch = "tpu-v5e-like";
  // Llama-3-8B in bf16 (14.96 GiB of weights) does not fit the 16 GB of a v5e with any KV cache.
  CHECK_THROWS_WITH(load_design_point(req), Catch::Contains("impossible design"));
  req.sets = {"workload.model=tiny-llama"};
  const DesignPoint p = load_design_point(req);
  CHECK(p.arch.name == "tpu-v5e-like");
  CHECK(p.arch.chip.cores == 1);
  CHECK(p.arch.chip.frequency_hz == 1.5e9);
  CHECK(p.arch.chip.hbm.capacity_bytes == 16e9);
  CHECK(p.arch.core.sram.capacity_bytes == 128.0 * (1 << 20));

  req.arch = scratch_file("arch_only.yaml", "arch:\n  base: tpu-v5e-like\n  chip: {cores: 3}\n");
  req.workload = scratch_file("workload_only.yaml",
                              "workload:\n  model: tiny-llama\n  phase: prefill\n  prompt_tokens: 128\n  batch: 2\n");
  req.sets = {"workload.precision.weights=int8"};  // the file's workload replaced the model above
  const DesignPoint q = load_design_point(req);
  CHECK(q.arch.chip.cores == 3);
  CHECK(q.arch.chip.frequency_hz == 1.5e9);
  CHECK(q.workload.model.name == "tiny-llama");
  CHECK(q.workload.phase == pjsim::workloads::Phase::prefill);
  CHECK(q.workload.prompt_tokens == 128);
  CHECK(q.workload.context_tokens == 0);  // replaced: the default point's 2048 is gone
  CHECK(q.workload.precision.weights == Precision::int8);

  req.sets = {};
  req.workload = "no-such-workload";
  CHECK_THAT(load_error(req), Catch::StartsWith("--workload: workload: unknown workload preset 'no-such-workload'"));
}

TEST_CASE("model fields: computed defaults and custom shapes", "[sim]") {
  const std::string file = scratch_file("custom_model.yaml",
                                        "arch: tpu-v4-like\n"
                                        "workload:\n"
                                        "  model: {hidden_size: 512, num_hidden_layers: 2, num_attention_heads: 8,\n"
                                        "          intermediate_size: 1024, vocab_size: 1000, gated_mlp: false}\n"
                                        "  context_tokens: 4\n");
  const DesignPoint p = load(file);
  CHECK(p.workload.model.name == "custom");
  CHECK(p.workload.model.head_dim == 64);
  CHECK(p.workload.model.num_key_value_heads == 8);
  CHECK_FALSE(p.workload.model.gated_mlp);
  CHECK(p.resolved["workload"]["model"]["head_dim"] == 64);
  CHECK(p.resolved["workload"]["model"]["max_position_embeddings"].is_null());
}

TEST_CASE("the resolved config holds every schema key and the price sources", "[sim]") {
  const DesignPoint p = load();
  for (const auto& row : pjsim::sim::schema()) {
    std::string pointer = "/" + row.path;
    for (char& c : pointer)
      if (c == '.') c = '/';
    INFO(row.path);
    // An empty workload.chunks is left out, so configs without chunks keep their hash (values.h);
    // serving keys are resolved apart (a run does not depend on them).
    if (row.path.rfind("serving.", 0) == 0) {
      CHECK(p.serving_resolved.contains(nlohmann::json::json_pointer(pointer.substr(8))));
      CHECK_FALSE(p.resolved.contains("serving"));
      continue;
    }
    CHECK(p.resolved.contains(nlohmann::json::json_pointer(pointer)) == (row.path != "workload.chunks"));
  }
  CHECK(p.resolved["arch"]["chip"]["frequency"] == "1050000000 Hz");
  CHECK(p.resolved["arch"]["chip"]["hbm"]["capacity"] == "34359738368 B");
  CHECK(p.resolved["arch"]["chip"]["cores"] == 2);
  CHECK(p.resolved["arch"]["technology"]["mac"]["bf16"]["value"] == "0.59 pJ");
  CHECK_THAT(p.resolved["arch"]["technology"]["mac"]["bf16"]["source"].get<std::string>(), Catch::Contains("Jouppi"));
  CHECK(p.resolved["arch"]["technology"]["mac"]["fp8_e4m3"]["value"] == "0.3 pJ");
  CHECK(p.resolved["arch"]["technology"]["vector_op"]["int4"].is_null());
  CHECK_THAT(p.resolved["sources"]["arch.chip.frequency"].get<std::string>(), Catch::Contains("275 TFLOP/s"));
  CHECK(p.resolved["workload"]["model"]["base"] == "llama-3-8b");
  CHECK(p.resolved["name"] == "default");
}

TEST_CASE("the config hash is deterministic and follows every value", "[sim]") {
  const DesignPoint a = load();
  const DesignPoint b = load();
  CHECK(a.config_hash.size() == 16);
  CHECK(a.config_hash.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a.config_hash == b.config_hash);
  CHECK(a.resolved.dump() == b.resolved.dump());
  CHECK(load("", {"workload.batch=17"}).config_hash != a.config_hash);
  CHECK(load("", {"arch.technology.sram_read=0.31 pJ/bit"}).config_hash != a.config_hash);
  // The same value written another way resolves to the same config.
  CHECK(load("", {"arch.chip.frequency=1.05 GHz"}).config_hash == load("", {"arch.chip.frequency=1050 MHz"}).config_hash);
  // A value's source is part of the resolved config: dropping it changes the hash.
  CHECK(load("", {"arch.chip.frequency=1050 MHz"}).config_hash != a.config_hash);
  CHECK(pjsim::sim::config_hash_of("") == "cbf29ce484222325");  // FNV-1a 64 offset basis
}

TEST_CASE("check_fits is callable on its own", "[sim]") {
  DesignPoint p = load();
  CHECK_NOTHROW(pjsim::sim::check_fits(p));
  p.workload.batch = 4096;
  try {
    pjsim::sim::check_fits(p);
    FAIL("no error");
  } catch (const UserError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith("preset:tpu-v4-like:"));
    CHECK_THAT(e.what(), Catch::Contains("arch.chip.hbm.capacity: impossible design: weights 14.96 GiB + KV cache"));
    CHECK_THAT(e.what(), Catch::Contains("do not fit in arch.chip.hbm.capacity (32.00 GiB)"));
  }
}

TEST_CASE("presets are listed by kind with descriptions", "[sim]") {
  const auto presets = pjsim::sim::list_presets();
  auto has = [&](const std::string& kind, const std::string& name) {
    for (const auto& p : presets)
      if (p.kind == kind && p.name == name) return !p.description.empty();
    return false;
  };
  CHECK(has("point", "default"));
  CHECK(has("arch", "tpu-v4-like"));
  CHECK(has("arch", "tpu-v5e-like"));
  CHECK(has("technology", "tpu-7nm"));
  CHECK(has("technology", "horowitz-45nm"));
  CHECK(has("model", "llama-3-8b"));
  for (const auto& p : presets) CHECK(p.kind != "invalid");
  CHECK(pjsim::sim::preset_text("arch", "tpu-7nm") == std::nullopt);  // a technology, not an arch
  CHECK(pjsim::sim::preset_text("technology", "tpu-7nm").has_value());
}

TEST_CASE("every embedded preset loads into a valid point", "[sim]") {
  for (const auto& info : pjsim::sim::list_presets()) {
    INFO(info.kind << " " << info.name);
    // Multi-chip presets need a mapping of every mesh axis: serve replicas on all of them.
    if (info.kind == "arch")
      CHECK_NOTHROW(load("", {"arch=" + info.name, "workload.model=tiny-llama", "workload.batch=4096",
                              "workload.mapping.data=" + std::string(info.name.find("4x4x4") != std::string::npos ? "[x, y, z]" : "[x, y]")}));
    if (info.kind == "technology") CHECK_NOTHROW(load("", {"arch.technology=" + info.name}));
    // The gemm micro-workload needs its shape (docs/validation.md).
    if (info.kind == "model" && info.name == "gemm")
      CHECK_NOTHROW(load("", {"workload.model=gemm", "workload.gemm.m=1", "workload.gemm.k=1", "workload.gemm.n=1"}));
    else if (info.kind == "model") CHECK_NOTHROW(load("", {"workload.model=" + info.name, "arch.chip.hbm.capacity=1 TiB"}));
  }
}

TEST_CASE("docs/yaml-reference.md holds the generated key table verbatim", "[sim]") {
  std::ifstream in(std::string(PJSIM_SOURCE_DIR) + "/docs/yaml-reference.md");
  REQUIRE(in);
  std::stringstream doc;
  doc << in.rdbuf();
  INFO("regenerate the table with pjsim::sim::schema_markdown()");
  CHECK(doc.str().find(pjsim::sim::schema_markdown()) != std::string::npos);
}
