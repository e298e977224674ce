// Mixed serving steps (workload.phase mixed): decode sequences and prefill chunks in one step,
// checked against closed forms and against the prefill and decode steps they generalise.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "workloads/op_shares.h"
#include "workloads/run_plan.h"
#include "workloads/transformer.h"

using namespace pjsim::workloads;

namespace {

// tiny-llama's shape (workloads/presets/tiny-llama.yaml), written out as in transformer_test.cc.
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

WorkloadSpec mixed(std::uint64_t batch, std::uint64_t context, std::vector<PrefillChunk> chunks) {
  WorkloadSpec w;
  w.model = tiny();
  w.phase = Phase::mixed;
  w.batch = batch;
  w.context_tokens = context;
  w.chunks = std::move(chunks);
  return w;
}

WorkloadSpec decode(std::uint64_t batch, std::uint64_t context) {
  WorkloadSpec w;
  w.model = tiny();
  w.batch = batch;
  w.context_tokens = context;
  return w;
}

WorkloadSpec prefill(std::uint64_t prompt) {
  WorkloadSpec w;
  w.model = tiny();
  w.phase = Phase::prefill;
  w.batch = 1;
  w.prompt_tokens = prompt;
  return w;
}

template <class F>
std::uint64_t sum(const std::vector<Op>& ops, F f) {
  std::uint64_t total = 0;
  for (const Op& op : ops) total += f(op);
  return total;
}

std::uint64_t macs(const WorkloadSpec& w) {
  return sum(run_ops(w), [](const Op& op) { return op.macs(); });
}

std::uint64_t attention_macs_of(const std::vector<Op>& ops) {
  return sum(ops, [](const Op& op) { return op.kind == OpKind::attention ? op.macs() : 0; });
}

// L x 2 x H x hd: attention MACs per (token, position) pair over the whole model.
std::uint64_t per_pair(const ModelShape& s) { return s.num_hidden_layers * 2 * s.num_attention_heads * s.head_dim; }

}  // namespace

TEST_CASE("mixed step MACs: (batch + chunk tokens) x layer weights + LM rows x head + attention pairs",
          "[workloads][physics]") {
  const WorkloadSpec w = mixed(4, 100, {{16, 0, true}, {8, 32, false}});
  const ModelShape& s = w.model;
  const std::uint64_t lm_head = s.hidden_size * s.vocab_size;
  const std::uint64_t layer_weights = s.weight_params() - lm_head;
  // Decode: 4 sequences x 100 positions; chunk 0: a 16-token triangle; chunk 1: 8 tokens x 32
  // cached positions plus an 8-token triangle.
  const std::uint64_t pairs = 4 * 100 + 16 * 17 / 2 + (8 * 32 + 8 * 9 / 2);
  CHECK(chunk_pairs(s, w.chunks[0]) == 136);
  CHECK(chunk_pairs(s, w.chunks[1]) == 292);
  CHECK(attention_macs(w, 0) == per_pair(s) * pairs);
  const std::vector<Op> ops = run_ops(w);
  CHECK(attention_macs_of(ops) == per_pair(s) * pairs);
  CHECK(macs(w) == (4 + 16 + 8) * layer_weights + (4 + 1) * lm_head + per_pair(s) * pairs);
  CHECK(step_tokens(w) == 28);
  CHECK(step_logits(w) == 5);
}

TEST_CASE("mixed step ops: gemms over all rows, one attention op for the decodes and one per chunk",
          "[workloads]") {
  const WorkloadSpec w = mixed(4, 100, {{16, 0, true}, {8, 32, false}});
  const ModelShape& s = w.model;
  const std::vector<Op> ops = run_ops(w);
  REQUIRE(ops.size() == 1 + 13 * 2 + 2);
  CHECK(ops[2].name == "layer0.qkv");
  CHECK(ops[2].m == 28);
  const Op& decode_attn = ops[4];
  CHECK(decode_attn.name == "layer0.attention");
  CHECK(decode_attn.instances == 4 * 2);
  CHECK(decode_attn.m == 2);
  CHECK(decode_attn.n == 100);
  CHECK(decode_attn.query_tokens == 0);
  CHECK(decode_attn.kv_append_elements == 4 * 2 * s.kv_width());
  const Op& c0 = ops[5];
  CHECK(c0.name == "layer0.chunk0.attention");
  CHECK(c0.instances == 2);
  CHECK(c0.m == 2 * 16);
  CHECK(c0.query_tokens == 16);
  CHECK(c0.n == 16);
  CHECK(c0.mask.offset == 0);
  CHECK(c0.kv_append_elements == 16 * 2 * s.kv_width());
  const Op& c1 = ops[6];
  CHECK(c1.name == "layer0.chunk1.attention");
  CHECK(c1.m == 2 * 8);
  CHECK(c1.n == 40);
  CHECK(c1.mask.offset == 32);
  CHECK(c1.operand_elements() == 2 * 2 * 40 * 64);  // the chunk reads its sequence's whole cache
  CHECK(ops[7].name == "layer0.o_proj");
  CHECK(ops[7].m == 28);
  CHECK(ops.back().name == "lm_head");
  CHECK(ops.back().m == 5);
  // KV appended: every new position of the step, once per layer.
  CHECK(sum(ops, [](const Op& op) { return op.kv_append_elements; }) == 2 * 28 * 2 * s.kv_width());
}

TEST_CASE("a mixed step of one chunk {s, 0} and no decodes is a prefill of s tokens", "[workloads][physics]") {
  for (std::uint64_t s : {1, 7, 64, 300}) {
    const WorkloadSpec w = mixed(0, 0, {{s, 0, true}});
    const WorkloadSpec p = prefill(s);
    CHECK(macs(w) == macs(p));
    CHECK(attention_macs(w, 0) == attention_macs(p, 0));
    CHECK(kv_cache_bits(w) == kv_cache_bits(p));
    const std::vector<Op> a = run_ops(w), b = run_ops(p);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].m == b[i].m);
      CHECK(a[i].n == b[i].n);
      CHECK(a[i].k == b[i].k);
      CHECK(a[i].instances == b[i].instances);
      CHECK(a[i].vector_ops == b[i].vector_ops);
      CHECK(a[i].kv_append_elements == b[i].kv_append_elements);
    }
  }
}

TEST_CASE("a mixed step of batch B and no chunks is the decode step of batch B", "[workloads][physics]") {
  const WorkloadSpec w = mixed(6, 321, {});
  const WorkloadSpec d = decode(6, 321);
  const std::vector<Op> a = run_ops(w), b = run_ops(d);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].name == b[i].name);
    CHECK(a[i].m == b[i].m);
    CHECK(a[i].n == b[i].n);
    CHECK(a[i].instances == b[i].instances);
    CHECK(a[i].vector_ops == b[i].vector_ops);
    CHECK(a[i].kv_append_elements == b[i].kv_append_elements);
  }
  CHECK(macs(w) == macs(d));
  CHECK(attention_macs(w, 0) == attention_macs(d, 0));
  CHECK(kv_cache_bits(w) == kv_cache_bits(d));
}

TEST_CASE("a prompt prefilled in two chunks over two steps costs the MACs of one prefill", "[workloads][physics]") {
  for (std::uint64_t s : {2, 64, 1000}) {
    const std::uint64_t h = s / 2;
    const WorkloadSpec first = mixed(0, 0, {{h, 0, false}});
    const WorkloadSpec second = mixed(0, 0, {{s - h, h, true}});
    const ModelShape& m = first.model;
    CHECK(attention_macs(first, 0) + attention_macs(second, 0) == per_pair(m) * s * (s + 1) / 2);
    CHECK(macs(first) + macs(second) == macs(prefill(s)));
    // The first chunk needs no logits: no final norm or LM head at all.
    CHECK(run_ops(first).back().name == "layer1.mlp_residual");
  }
}

TEST_CASE("a chunk under a sliding window attends at most the window per token", "[workloads][physics]") {
  for (std::uint64_t window : {5, 30, 200}) {
    for (const PrefillChunk c : {PrefillChunk{16, 0, true}, PrefillChunk{16, 20, true}, PrefillChunk{50, 100, true}}) {
      WorkloadSpec w = mixed(3, 90, {c});
      w.model.sliding_window = window;
      std::uint64_t brute = 0;  // token i at position prior + i attends min(prior + i + 1, window)
      for (std::uint64_t i = 0; i < c.tokens; ++i) brute += std::min<std::uint64_t>(c.prior + i + 1, window);
      CHECK(chunk_pairs(w.model, c) == brute);
      const std::uint64_t pairs = 3 * std::min<std::uint64_t>(90, window) + brute;
      CHECK(attention_macs(w, 0) == per_pair(w.model) * pairs);
      CHECK(attention_macs_of(run_ops(w)) == per_pair(w.model) * pairs);
    }
  }
}

TEST_CASE("a mixed step reads each weight once and holds the KV of every sequence", "[workloads][physics]") {
  const WorkloadSpec w = mixed(4, 100, {{16, 0, true}, {8, 32, false}});
  const std::vector<Op> ops = run_ops(w);
  CHECK(sum(ops, [](const Op& op) { return op.kind == OpKind::gemm ? op.operand_elements() : 0; }) ==
        w.model.weight_params());
  const std::uint64_t per_position = 2 * w.model.num_hidden_layers * w.model.kv_width() * 16;  // bf16 bits
  CHECK(kv_cache_bits(w) == per_position * (4 * 100 + 16 + 40));
}

TEST_CASE("tensor parallelism splits a chunk's attention by heads", "[workloads][physics]") {
  const WorkloadSpec w = mixed(4, 100, {{16, 8, true}});
  for (std::uint64_t t : {2, 4}) {
    for (const Op& op : run_ops(w)) {
      if (op.kind != OpKind::attention) continue;
      std::uint64_t total = 0, appended = 0;
      for (std::uint64_t rank = 0; rank < t; ++rank) {
        ChipRole role;
        role.tensor_size = t;
        role.tensor_rank = rank;
        const Op part = shard_for_tensor(op, w.model, role);
        total += part.macs();
        appended += part.kv_append_elements;
        CHECK(part.query_tokens == op.query_tokens);
      }
      // KV heads (2) replicated when t exceeds them: the appends are then counted on each chip.
      CHECK(total == op.macs());
      CHECK(appended == op.kv_append_elements * (t > 2 ? t / 2 : 1));
    }
  }
}
