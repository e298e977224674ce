#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "workloads/transformer.h"

using namespace pjsim::workloads;

namespace {

// tiny-llama's shape (workloads/presets/tiny-llama.yaml), written out so these tests do not
// depend on the preset parser.
ModelShape tiny() {
  ModelShape s;
  s.name = "tiny-llama";
  s.hidden_size = 256;
  s.num_hidden_layers = 2;
  s.num_attention_heads = 4;
  s.num_key_value_heads = 2;
  s.head_dim = 64;
  s.intermediate_size = 512;
  s.vocab_size = 1024;
  return s;
}

WorkloadSpec decode(std::uint64_t batch, std::uint64_t context) {
  WorkloadSpec w;
  w.model = tiny();
  w.phase = Phase::decode;
  w.batch = batch;
  w.context_tokens = context;
  return w;
}

WorkloadSpec prefill(std::uint64_t batch, std::uint64_t prompt) {
  WorkloadSpec w;
  w.model = tiny();
  w.phase = Phase::prefill;
  w.batch = batch;
  w.prompt_tokens = prompt;
  return w;
}

template <class F>
std::uint64_t sum(const OpGraph& g, F f) {
  std::uint64_t total = 0;
  for (auto [v, end] = boost::vertices(g); v != end; ++v) total += f(g[*v]);
  return total;
}

}  // namespace

TEST_CASE("step graph is a path of 1 + 11 x layers + 2 ops in lowering order", "[workloads]") {
  const WorkloadSpec w = decode(4, 100);
  const OpGraph g = build_step_graph(w, 0);
  const std::uint64_t layers = w.model.num_hidden_layers;
  REQUIRE(boost::num_vertices(g) == 1 + 11 * layers + 2);
  CHECK(boost::num_edges(g) == boost::num_vertices(g) - 1);

  std::uint64_t sources = 0, sinks = 0;
  for (auto [v, end] = boost::vertices(g); v != end; ++v) {
    CHECK(boost::in_degree(*v, g) <= 1);
    CHECK(boost::out_degree(*v, g) <= 1);
    sources += boost::in_degree(*v, g) == 0;
    sinks += boost::out_degree(*v, g) == 0;
  }
  CHECK(sources == 1);
  CHECK(sinks == 1);

  const std::vector<Op> ops = ops_in_order(g);
  std::vector<std::string> expected = {"embedding"};
  for (int i = 0; i < 2; ++i) {
    for (const char* n : {"attn_norm", "qkv", "rope", "attention", "o_proj", "attn_residual",
                          "mlp_norm", "gate_up", "act", "down", "mlp_residual"}) {
      expected.push_back("layer" + std::to_string(i) + "." + n);
    }
  }
  expected.push_back("final_norm");
  expected.push_back("lm_head");
  REQUIRE(ops.size() == expected.size());
  for (std::size_t i = 0; i < ops.size(); ++i) {
    CHECK(ops[i].name == expected[i]);
    const bool in_layer = i >= 1 && i < 1 + 11 * layers;
    CHECK(ops[i].layer == (in_layer ? static_cast<int>((i - 1) / 11) : -1));
  }
}

TEST_CASE("shapes of the dense-transformer ops", "[workloads]") {
  WorkloadSpec w = decode(4, 100);
  w.precision.weights = Precision::int4;
  w.precision.kv = Precision::fp8_e4m3;
  const std::vector<Op> ops = ops_in_order(build_step_graph(w, 3));

  const Op& qkv = ops[2];
  CHECK(qkv.kind == OpKind::gemm);
  CHECK(qkv.category == OpCategory::projection);
  CHECK((qkv.m == 4 && qkv.k == 256 && qkv.n == 256 + 2 * 128));
  CHECK(qkv.operand_precision == Precision::int4);
  CHECK(qkv.activation_precision == Precision::bf16);

  const Op& attn = ops[4];
  CHECK(attn.kind == OpKind::attention);
  CHECK(attn.instances == 4 * 2);
  CHECK((attn.m == 2 && attn.k == 64 && attn.n == 103));  // step 3 attends context + 3
  CHECK(attn.vector_ops == 8 * 2 * 103 * 5);
  CHECK(attn.kv_append_elements == 4 * 2 * 128);
  CHECK(attn.operand_precision == Precision::fp8_e4m3);

  const Op& gate_up = ops[8];
  CHECK((gate_up.category == OpCategory::mlp && gate_up.n == 2 * 512));
  const Op& act = ops[9];
  CHECK((act.kind == OpKind::vector && act.k == 512 && act.vector_ops == 4 * 512 * 5));
  CHECK(act.operand_precision == Precision::bf16);

  const Op& lm_head = ops.back();
  CHECK(lm_head.category == OpCategory::lm_head);
  CHECK((lm_head.m == 4 && lm_head.k == 256 && lm_head.n == 1024));
  CHECK(ops.front().operand_precision == Precision::int4);  // embedding rows stored as weights
  CHECK(ops.front().operand_elements() == 4 * 256);
}

TEST_CASE("decode MACs = batch x (weight params + 2 x layers x heads x head_dim x context)",
          "[workloads][physics]") {
  for (std::uint64_t batch : {1, 3, 16}) {
    for (std::uint64_t context : {1, 100, 4096}) {
      const WorkloadSpec w = decode(batch, context);
      const ModelShape& s = w.model;
      const OpGraph g = build_step_graph(w, 0);
      const std::uint64_t expected =
          batch * (s.weight_params() +
                   2 * s.num_hidden_layers * s.num_attention_heads * s.head_dim * context);
      CHECK(sum(g, [](const Op& op) { return op.macs(); }) == expected);
      CHECK(weight_macs_per_token(s) * batch + attention_macs(w, 0) == expected);
      CHECK(sum(g, [](const Op& op) { return op.kind == OpKind::attention ? op.macs() : 0; }) ==
            attention_macs(w, 0));
    }
  }
}

TEST_CASE("prefill MACs: T x layer weights + batch x LM head + causal attention",
          "[workloads][physics]") {
  const WorkloadSpec w = prefill(3, 37);
  const ModelShape& s = w.model;
  const std::uint64_t t = 3 * 37;
  const std::uint64_t lm_head = s.hidden_size * s.vocab_size;
  const std::uint64_t layer_weights = s.weight_params() - lm_head;
  // Causal: L x H x hd x s (s + 1) / 2 for Q K^T and as many for P V, per sequence.
  const std::uint64_t attention =
      3 * s.num_hidden_layers * s.num_attention_heads * s.head_dim * 37 * 38;
  const OpGraph g = build_step_graph(w, 0);
  CHECK(attention_macs(w, 0) == attention);
  CHECK(sum(g, [](const Op& op) { return op.macs(); }) ==
        t * layer_weights + 3 * lm_head + attention);
}

TEST_CASE("gemm operands are exactly the weight params", "[workloads][physics]") {
  for (const WorkloadSpec& w : {decode(5, 64), prefill(2, 16)}) {
    const OpGraph g = build_step_graph(w, 0);
    CHECK(sum(g, [](const Op& op) {
            return op.kind == OpKind::gemm ? op.operand_elements() : 0;
          }) == w.model.weight_params());
  }
  // A non-gated MLP has two matrices, not three.
  WorkloadSpec w = decode(2, 8);
  w.model.gated_mlp = false;
  const OpGraph g = build_step_graph(w, 0);
  CHECK(sum(g, [](const Op& op) { return op.kind == OpKind::gemm ? op.operand_elements() : 0; }) ==
        w.model.weight_params());
  CHECK(ops_in_order(g)[9].vector_ops == 2 * 512 * 4);
}

TEST_CASE("KV read per decode step = 2 x layers x kv_heads x head_dim x context x batch",
          "[workloads][physics]") {
  WorkloadSpec w = decode(6, 500);
  w.steps = 4;
  const ModelShape& s = w.model;
  for (std::uint64_t step = 0; step < w.steps; ++step) {
    const OpGraph g = build_step_graph(w, step);
    const auto kv_read = sum(g, [](const Op& op) {
      return op.operand_class() == DataClass::kv ? op.operand_elements() : 0;
    });
    CHECK(kv_read == 2 * s.num_hidden_layers * s.num_key_value_heads * s.head_dim *
                         (500 + step) * 6);
    const auto appended = sum(g, [](const Op& op) { return op.kv_append_elements; });
    CHECK(appended == 2 * s.num_hidden_layers * s.kv_width() * 6);
  }
}

TEST_CASE("causal prefill attention: L H hd s (s + 1) MACs per sequence, softmax on the kept scores",
          "[workloads][physics]") {
  for (std::uint64_t prompt : {1, 2, 37, 1000}) {
    const WorkloadSpec w = prefill(2, prompt);
    const ModelShape& s = w.model;
    const OpGraph g = build_step_graph(w, 0);
    const std::uint64_t per_sequence = s.num_hidden_layers * s.num_attention_heads * s.head_dim * prompt * (prompt + 1);
    CHECK(sum(g, [](const Op& op) { return op.kind == OpKind::attention ? op.macs() : 0; }) == 2 * per_sequence);
    CHECK(attention_macs(w, 0) == 2 * per_sequence);
    const Op attn = ops_in_order(g)[4];
    CHECK(attn.query_tokens == prompt);
    CHECK(attn.n == prompt);
    CHECK(attn.scores() == 2 * s.num_attention_heads * prompt * (prompt + 1) / 2);
    CHECK(attn.vector_ops == attn.scores() * 5);
  }
}

TEST_CASE("causal prefill with a sliding window: token i attends min(i + 1, window) positions",
          "[workloads][physics]") {
  WorkloadSpec w = prefill(1, 100);
  w.model.sliding_window = 30;
  const ModelShape& s = w.model;
  const std::uint64_t pairs = 30 * 31 / 2 + 70 * 30;  // tokens 0..29 ramp up, 30..99 attend 30 each
  CHECK(prefill_pairs(100, 30) == pairs);
  std::uint64_t brute = 0;
  for (std::uint64_t i = 0; i < 100; ++i) brute += std::min<std::uint64_t>(i + 1, 30);
  CHECK(brute == pairs);
  const OpGraph g = build_step_graph(w, 0);
  CHECK(sum(g, [](const Op& op) { return op.kind == OpKind::attention ? op.macs() : 0; }) ==
        s.num_hidden_layers * 2 * s.num_attention_heads * s.head_dim * pairs);
  CHECK(attention_macs(w, 0) == s.num_hidden_layers * 2 * s.num_attention_heads * s.head_dim * pairs);
  // The cache held is the window; a prompt shorter than the window is a plain triangle.
  CHECK(ops_in_order(g)[4].held_positions() == 30);
  w.prompt_tokens = 20;
  CHECK(attention_macs(w, 0) == s.num_hidden_layers * 2 * s.num_attention_heads * s.head_dim * 20 * 21 / 2);
}

TEST_CASE("causal_pairs counts a rectangle of the mask in closed form", "[workloads][physics]") {
  for (std::uint64_t offset : {0, 3, 17}) {
    for (std::uint64_t window : {0, 1, 5, 40}) {
      const CausalMask mask{offset, window};
      for (std::uint64_t t0 = 0; t0 < 12; t0 += 3)
        for (std::uint64_t t1 = t0; t1 < 14; t1 += 4)
          for (std::uint64_t c0 = 0; c0 < 30; c0 += 7)
            for (std::uint64_t c1 = c0; c1 < 34; c1 += 5) {
              std::uint64_t brute = 0, lo = c1, hi = c0;
              for (std::uint64_t i = t0; i < t1; ++i)
                for (std::uint64_t j = c0; j < c1; ++j) {
                  const std::uint64_t p = offset + i;
                  if (j <= p && (window == 0 || j + window > p)) {
                    ++brute;
                    lo = std::min(lo, j);
                    hi = std::max(hi, j + 1);
                  }
                }
              CHECK(causal_pairs(mask, t0, t1, c0, c1) == brute);
              const ColumnRange r = causal_columns(mask, t0, t1, c0, c1);
              if (brute == 0) CHECK(r.empty());
              else CHECK((r.first == lo && r.end == hi));
            }
    }
  }
}
