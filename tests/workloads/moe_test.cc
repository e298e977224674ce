// MoE routing, model-shape counts of the MoE presets, the MoE lowering, config.json reading and
// the speculative-decoding expectation: closed forms, no SystemC.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "workloads/hf_config.h"
#include "workloads/moe_routing.h"
#include "workloads/run_plan.h"
#include "workloads/transformer.h"

using namespace pjsim::workloads;

namespace {

nlohmann::json reference(const std::string& name) {
  std::ifstream in(std::string(PJSIM_SHARED_DIR) + "/reference/models/" + name + ".json");
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

std::uint64_t field(const nlohmann::json& j, const char* key) { return j.value(key, std::uint64_t{0}); }

ModelShape shape_of(const std::string& name) {
  const nlohmann::json j = reference(name);
  ModelShape s;
  s.name = name;
  s.hidden_size = field(j, "hidden_size");
  s.num_hidden_layers = field(j, "num_hidden_layers");
  s.num_attention_heads = field(j, "num_attention_heads");
  s.num_key_value_heads = field(j, "num_key_value_heads");
  s.head_dim = field(j, "head_dim");
  s.intermediate_size = field(j, "intermediate_size");
  s.vocab_size = field(j, "vocab_size");
  s.num_experts = field(j, "num_local_experts") + field(j, "num_experts");
  s.num_experts_per_tok = field(j, "num_experts_per_tok");
  s.moe_intermediate_size = field(j, "moe_intermediate_size");
  return s;
}

ModelShape tiny_moe() {
  ModelShape s;
  s.hidden_size = 256;
  s.num_hidden_layers = 2;
  s.num_attention_heads = 4;
  s.num_key_value_heads = 2;
  s.head_dim = 64;
  s.intermediate_size = 512;
  s.vocab_size = 1024;
  s.num_experts = 8;
  s.num_experts_per_tok = 2;
  return s;
}

}  // namespace

TEST_CASE("uniform routing touches E(1 - (1 - k/E)^B) distinct experts on average", "[workloads][physics]") {
  struct Case {
    std::uint64_t experts, top_k, tokens;
  };
  for (const Case c : {Case{8, 2, 1}, Case{8, 2, 4}, Case{8, 2, 16}, Case{128, 8, 1}, Case{128, 8, 8},
                       Case{128, 8, 64}}) {
    INFO("E " << c.experts << " k " << c.top_k << " B " << c.tokens);
    double sum = 0;
    for (std::uint64_t seed = 0; seed < 200; ++seed) {
      RoutingSpec spec;
      spec.seed = seed;
      const auto counts = route_tokens(spec, c.experts, c.top_k, c.tokens, 0, 0);
      std::uint64_t total = 0;
      for (auto n : counts) total += n;
      REQUIRE(total == c.tokens * c.top_k);
      sum += static_cast<double>(distinct_experts(counts));
    }
    const double expected = expected_distinct_experts(c.experts, c.top_k, c.tokens);
    CHECK(sum / 200 == Approx(expected).epsilon(0.03));
    if (c.tokens == 1) CHECK(sum / 200 == static_cast<double>(c.top_k));  // exactly k at batch 1
  }
}

TEST_CASE("routing is seeded, skew concentrates tokens, a histogram's zero experts are never touched", "[workloads]") {
  RoutingSpec spec;
  spec.seed = 7;
  CHECK(route_tokens(spec, 8, 2, 32, 3, 5) == route_tokens(spec, 8, 2, 32, 3, 5));
  CHECK(route_tokens(spec, 8, 2, 32, 3, 5) != route_tokens(spec, 8, 2, 32, 4, 5));
  spec.mode = RoutingMode::skewed;
  spec.skew = 2.0;
  const auto skewed = route_tokens(spec, 8, 2, 256, 0, 0);
  CHECK(skewed[0] > skewed[7] * 4);
  spec.mode = RoutingMode::histogram;
  spec.histogram = {5, 0, 1, 0, 1, 0, 0, 1};
  const auto h = route_tokens(spec, 8, 2, 64, 0, 0);
  for (std::size_t e : {1, 3, 5, 6}) CHECK(h[e] == 0);
  CHECK(h[0] > h[2]);
}

TEST_CASE("parameter counts of the MoE presets match the published totals", "[workloads][physics]") {
  const ModelShape mixtral = shape_of("mixtral-8x7b");
  CHECK(static_cast<double>(mixtral.total_params()) == Approx(46.7e9).epsilon(0.005));
  CHECK(static_cast<double>(mixtral.active_params()) == Approx(12.9e9).epsilon(0.005));
  const ModelShape qwen = shape_of("qwen3-30b-a3b");
  CHECK(static_cast<double>(qwen.total_params()) == Approx(30.5e9).epsilon(0.005));
  CHECK(static_cast<double>(qwen.active_params()) == Approx(3.3e9).epsilon(0.02));
  // A dense model: active = total.
  ModelShape dense = tiny_moe();
  dense.num_experts = 0;
  CHECK(dense.active_params() == dense.total_params());
}

TEST_CASE("an MoE decode step at batch 1 reads the shared layers and exactly k experts per layer", "[workloads][physics]") {
  WorkloadSpec w;
  w.model = tiny_moe();
  w.context_tokens = 16;
  std::uint64_t weights = 0, expert_ops = 0;
  for (const Op& op : run_ops(w)) {
    if (op.kind == OpKind::gemm) weights += op.operand_elements();
    if (op.kind == OpKind::gemm && op.expert >= 0) ++expert_ops;  // the expert's weight-reading ops
  }
  const ModelShape& s = w.model;
  CHECK(expert_ops == s.num_hidden_layers * s.num_experts_per_tok * 2);
  CHECK(weights == s.num_hidden_layers * (s.layer_shared_params() + s.num_experts_per_tok * s.expert_params()) +
                       s.hidden_size * s.vocab_size);
}

TEST_CASE("speculative decoding: expected tokens per pass and the run's passes", "[workloads][physics]") {
  SpeculativeSpec spec;
  spec.draft_tokens = 8;
  spec.acceptance = 0.85;
  CHECK(accepted_per_pass(spec) == Approx(5.12).epsilon(1e-3));
  spec.acceptance = 1.0;
  CHECK(accepted_per_pass(spec) == 9.0);

  WorkloadSpec w;
  w.model = tiny_moe();
  w.model.num_experts = 0;
  w.batch = 4;
  w.context_tokens = 100;
  w.steps = 2;
  CHECK(run_ops(w).size() == 50);
  w.speculative.draft = w.model;
  w.speculative.draft_tokens = 3;
  w.speculative.acceptance = 0.5;
  const auto ops = run_ops(w);
  CHECK(ops.size() == 2 * (3 * 25 + 25));
  std::uint64_t draft = 0;
  for (const Op& op : ops) draft += op.category == OpCategory::draft ? 1 : 0;
  CHECK(draft == 2 * 3 * 25);
  // The verify pass: k + 1 positions per sequence through every weight, logits for each.
  CHECK(ops.back().name == "lm_head");
  CHECK(ops.back().m == 4 * 4);
}

TEST_CASE("sliding window caps attended positions and the KV cache", "[workloads][physics]") {
  WorkloadSpec w;
  w.model = tiny_moe();
  w.model.num_experts = 0;
  w.context_tokens = 10000;
  const std::uint64_t full = kv_cache_bits(w);
  w.model.sliding_window = 1000;
  CHECK(kv_cache_bits(w) * 10 == full);
  CHECK(attention_macs(w, 0) == 2 * 2 * 4 * 64 * 1000);
}

TEST_CASE("config.json fields of supported model types, clear errors otherwise", "[workloads]") {
  const HfFields mixtral = hf_model_fields(reference("mixtral-8x7b"));
  CHECK(mixtral.front() == std::make_pair(std::string("model_type"), std::string("mixtral")));
  bool experts = false;
  for (const auto& [k, v] : mixtral) experts = experts || (k == "num_local_experts" && v == "8");
  CHECK(experts);
  CHECK_NOTHROW(hf_model_fields(reference("qwen3-30b-a3b")));

  nlohmann::json gpt2 = {{"model_type", "gpt2"}, {"hidden_size", 768}};
  CHECK_THROWS_WITH(hf_model_fields(gpt2), "model_type 'gpt2' is not supported (llama, mistral, mixtral, qwen3_moe)");
  nlohmann::json llama = reference("llama-3-8b");
  llama.erase("hidden_size");
  CHECK_THROWS_WITH(hf_model_fields(llama), "missing field 'hidden_size'");
  nlohmann::json qwen = reference("qwen3-30b-a3b");
  qwen.erase("moe_intermediate_size");
  CHECK_THROWS_WITH(hf_model_fields(qwen), "missing field 'moe_intermediate_size'");
}
