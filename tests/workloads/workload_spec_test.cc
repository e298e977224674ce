#include <catch2/catch.hpp>

#include <string>

#include "workloads/workload_spec.h"

using namespace pjsim::workloads;

namespace {
WorkloadSpec llama_8b_like() {
  WorkloadSpec w;
  w.model.num_hidden_layers = 32;
  w.model.num_key_value_heads = 8;
  w.model.head_dim = 128;
  w.batch = 16;
  return w;
}
}  // namespace

TEST_CASE("kv_cache_bits: 2 x layers x kv_heads x head_dim x tokens x batch x bits",
          "[workloads][physics]") {
  WorkloadSpec w = llama_8b_like();
  w.phase = Phase::decode;
  w.context_tokens = 2048;
  w.steps = 1;
  const std::uint64_t per_token = 2ull * 32 * 8 * 128;  // 65,536 elements: 128 KiB in bf16
  CHECK(kv_cache_bits(w) == per_token * 2048 * 16 * 16);

  // The cache grows by one position per step after the first.
  w.steps = 10;
  CHECK(kv_cache_bits(w) == per_token * (2048 + 9) * 16 * 16);

  w.precision.kv = Precision::int8;
  CHECK(kv_cache_bits(w) == per_token * (2048 + 9) * 16 * 8);

  w.phase = Phase::prefill;
  w.prompt_tokens = 512;
  CHECK(kv_cache_bits(w) == per_token * 512 * 16 * 8);
}

TEST_CASE("kv_cache_bits rounds packed formats up to a whole bit", "[workloads]") {
  WorkloadSpec w;
  w.model.num_hidden_layers = 1;
  w.model.num_key_value_heads = 1;
  w.model.head_dim = 1;
  w.phase = Phase::prefill;
  w.batch = 1;
  w.precision.kv = Precision::ternary;
  w.prompt_tokens = 5;  // 10 elements x 1.6 bits = 16 bits exactly
  CHECK(kv_cache_bits(w) == 16);
  w.prompt_tokens = 1;  // 2 elements x 1.6 = 3.2 -> 4
  CHECK(kv_cache_bits(w) == 4);
  w.prompt_tokens = 3;  // 6 x 1.6 = 9.6 -> 10
  CHECK(kv_cache_bits(w) == 10);
}

TEST_CASE("phase names", "[workloads]") {
  CHECK(std::string(to_string(Phase::prefill)) == "prefill");
  CHECK(std::string(to_string(Phase::decode)) == "decode");
}
