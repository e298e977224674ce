#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "workloads/model_shape.h"
#include "workloads/transformer.h"

namespace pjsim::workloads {
const std::map<std::string, std::string>& embedded_presets();
}

using namespace pjsim::workloads;

namespace {

YAML::Node preset_model(const std::string& name) {
  const auto& presets = embedded_presets();
  const auto it = presets.find(name);
  REQUIRE(it != presets.end());
  const YAML::Node root = YAML::Load(it->second);
  REQUIRE(root["description"]);
  REQUIRE(root["source"]);
  REQUIRE(root["model"]);
  return root["model"];
}

// The mapping the config loader applies: silu/swiglu Llama-style models have a gated MLP.
ModelShape shape_of(const std::string& name) {
  const YAML::Node m = preset_model(name);
  ModelShape s;
  s.name = name;
  s.model_type = m["model_type"].as<std::string>();
  s.hidden_size = m["hidden_size"].as<std::uint64_t>();
  s.num_hidden_layers = m["num_hidden_layers"].as<std::uint64_t>();
  s.num_attention_heads = m["num_attention_heads"].as<std::uint64_t>();
  s.num_key_value_heads = m["num_key_value_heads"].as<std::uint64_t>();
  s.head_dim = m["head_dim"].as<std::uint64_t>();
  s.intermediate_size = m["intermediate_size"].as<std::uint64_t>();
  s.vocab_size = m["vocab_size"].as<std::uint64_t>();
  s.gated_mlp = m["hidden_act"].as<std::string>() == "silu";
  s.tie_word_embeddings = m["tie_word_embeddings"].as<bool>();
  return s;
}

}  // namespace

TEST_CASE("model presets equal the published config.json", "[workloads]") {
  for (const std::string name : {"llama-3-8b", "llama-3-70b", "mixtral-8x7b", "qwen3-30b-a3b"}) {
    INFO(name);
    std::ifstream in(std::string(PJSIM_SHARED_DIR) + "/reference/models/" + name + ".json");
    REQUIRE(in);
    const nlohmann::json json = nlohmann::json::parse(in);
    const YAML::Node yaml = preset_model(name);
    std::size_t fields = 0;
    for (const auto& [key, value] : json.items()) {
      INFO(key);
      REQUIRE(yaml[key]);
      if (value.is_string()) CHECK(yaml[key].as<std::string>() == value.get<std::string>());
      if (value.is_boolean()) CHECK(yaml[key].as<bool>() == value.get<bool>());
      if (value.is_number_integer()) {
        CHECK(yaml[key].as<std::uint64_t>() == value.get<std::uint64_t>());
      }
      ++fields;
    }
    CHECK(yaml.size() == fields);  // no field the reference does not have
  }
}

TEST_CASE("tiny-llama preset is the documented toy", "[workloads]") {
  const ModelShape s = shape_of("tiny-llama");
  CHECK(s.hidden_size == 256);
  CHECK(s.num_hidden_layers == 2);
  CHECK(s.num_attention_heads == 4);
  CHECK(s.num_key_value_heads == 2);
  CHECK(s.head_dim == 64);
  CHECK(s.intermediate_size == 512);
  CHECK(s.vocab_size == 1024);
  CHECK(s.gated_mlp);
}

TEST_CASE("parameter counts of the Llama 3 presets", "[workloads][physics]") {
  const ModelShape l8 = shape_of("llama-3-8b");
  CHECK(l8.total_params() == 8'030'261'248ull);
  CHECK(static_cast<double>(l8.total_params()) == Approx(8.03e9).epsilon(1e-3));
  CHECK(weight_macs_per_token(l8) == 7'504'658'432ull);

  const ModelShape l70 = shape_of("llama-3-70b");
  CHECK(l70.total_params() == 70'553'706'496ull);
  CHECK(static_cast<double>(l70.total_params()) == Approx(70.6e9).epsilon(1e-3));
}

TEST_CASE("Llama-3-8B decode step: the graph of the header comment", "[workloads][physics]") {
  WorkloadSpec w;
  w.model = shape_of("llama-3-8b");
  w.batch = 16;
  w.context_tokens = 2048;
  const OpGraph g = build_step_graph(w, 0);
  CHECK(boost::num_vertices(g) == 355);
  std::uint64_t macs = 0;
  for (auto [v, end] = boost::vertices(g); v != end; ++v) macs += g[*v].macs();
  CHECK(macs == 16 * (7'504'658'432ull + 2ull * 32 * 32 * 128 * 2048));
  CHECK(attention_macs(w, 0) == 16 * 536'870'912ull);
}
