// Layouts on a mesh: the per-chip link traffic of each layout equals its formula, and attention
// split by batch keeps a multi-query KV cache from being replicated (docs/mapping.md).
#include <catch2/catch.hpp>

#include "run_pjsim.h"
#include "test_points.h"

using pjsim::testing::run_default;
using pjsim::testing::with;
using nlohmann::json;

namespace {

// A multi-query model (one KV head) on a 4x4 torus, tensor over both axes (T = 16), rings forced so
// the closed forms are those of ring collectives.
constexpr std::uint64_t kBatch = 16, kHidden = 2048, kHeads = 16, kHeadDim = 128, kLayers = 2, kContext = 512, kT = 16;
const std::vector<std::string> kMqa = {
    "workload.model.hidden_size=2048", "workload.model.num_hidden_layers=2", "workload.model.num_attention_heads=16",
    "workload.model.num_key_value_heads=1", "workload.model.head_dim=128", "workload.model.intermediate_size=8192",
    "workload.model.vocab_size=32000", "workload.batch=16", "workload.context_tokens=512",
    "arch.topology.kind=torus2d", "arch.topology.dims=[4, 4]", "workload.mapping.tensor=[x, y]",
    "arch.topology.collectives.algorithm=ring"};

std::uint64_t kind_bits(const json& report, const char* kind) {
  return report["collectives"].contains(kind) ? report["collectives"][kind]["bits"].get<std::uint64_t>() : 0;
}

std::uint64_t kv_bytes(const json& report) {
  const json& t = report["placement"]["totals"];
  return t["sram"]["kv"].get<std::uint64_t>() + t["hbm"]["kv"].get<std::uint64_t>();
}

}  // namespace

TEST_CASE("attention split by batch sends two all-to-alls per layer and does not replicate a multi-query KV cache",
          "[sim][physics]") {
  const auto heads = run_default(kMqa);
  const auto batch = run_default(with(kMqa, {"workload.mapping.attention=batch"}));
  REQUIRE(heads.exit_code == 0);
  REQUIRE(batch.exit_code == 0);
  const std::uint64_t e = 2;  // bf16
  // 1D weight-stationary in both: two all-reduces of batch x d per layer, 2 (T-1)/T of it sent per
  // chip, and the embedding's all-gather, (T-1)/T.
  const std::uint64_t all_reduce = kT * kLayers * 2 * (2 * (kT - 1) * kBatch * kHidden * e / kT) * 8;
  CHECK(kind_bits(heads.report, "all_reduce") == all_reduce);
  CHECK(kind_bits(batch.report, "all_reduce") == all_reduce);
  CHECK(kind_bits(heads.report, "all_gather") == kT * ((kT - 1) * kBatch * kHidden * e / kT) * 8);
  // Attention by batch: per chip and layer 2 x (T-1)/T x batch x (heads / T) x head_dim elements.
  CHECK(kind_bits(heads.report, "all_to_all") == 0);
  CHECK(kind_bits(batch.report, "all_to_all") ==
        kT * kLayers * 2 * ((kT - 1) * (kBatch * kHeads / kT * kHeadDim * e) / kT) * 8);
  // The KV cache: by heads every chip holds the one KV head of all 16 sequences (16 copies); by
  // batch each chip holds its own sequence.
  const std::uint64_t kv_once = kLayers * kBatch * 2 * kContext * kHeadDim * e;
  CHECK(kv_bytes(heads.report) == kT * kv_once);
  CHECK(kv_bytes(batch.report) == kv_once);
  // By heads each of the 16 chips projects the one KV head for every token (T > KV heads: replicated
  // work); by batch each projects K and V for its own sequence only: (T - 1) x B x d x 2 head_dim
  // MACs per layer fewer, the model's own count.
  CHECK(heads.report["counts"]["macs"]["total"].get<std::uint64_t>() - batch.report["counts"]["macs"]["total"].get<std::uint64_t>() ==
        (kT - 1) * kBatch * kHidden * 2 * kHeadDim * kLayers);
}

TEST_CASE("attention by batch without tensor axes, or a batch the tensor degree does not divide, is a located error",
          "[sim][errors]") {
  const auto none = run_default({"workload.mapping.attention=batch"});
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.err, Catch::Contains("workload.mapping.attention") && Catch::Contains("tensor"));
  const auto odd = run_default(with(kMqa, {"workload.mapping.attention=batch", "workload.batch=8"}));
  CHECK(odd.exit_code == 2);
  CHECK_THAT(odd.err, Catch::Contains("workload.mapping.attention") && Catch::Contains("divides"));
}

TEST_CASE("2D weight-stationary: per-chip all-gather and reduce-scatter bits equal the layout's formula and undercut 1D",
          "[sim][physics]") {
  // Multi-head (16 KV heads), X = 2 chips along x split d_model, Y = 8 along y split heads and d_ff
  // (near the best X = sqrt(T d / f) = 2 for f = 4 d).
  const std::vector<std::string> model = {
      "workload.model.hidden_size=2048", "workload.model.num_hidden_layers=2", "workload.model.num_attention_heads=16",
      "workload.model.num_key_value_heads=16", "workload.model.head_dim=128", "workload.model.intermediate_size=8192",
      "workload.model.vocab_size=32000", "workload.batch=16", "workload.context_tokens=512",
      "arch.topology.kind=torus2d", "arch.topology.dims=[2, 8]", "arch.topology.collectives.algorithm=ring"};
  const auto two_d = run_default(with(model, {"workload.mapping.hidden=[x]", "workload.mapping.tensor=[y]"}));
  const auto one_d = run_default(with(model, {"workload.mapping.tensor=[x, y]"}));
  REQUIRE(two_d.exit_code == 0);
  REQUIRE(one_d.exit_code == 0);
  const std::uint64_t x = 2, y = 8, t = 16, b = kBatch, d = kHidden, e = 2, f = 8192, layers = kLayers;
  const std::uint64_t q_y = 16 / y * kHeadDim, n_qkv = (16 + 2 * 16) / y * kHeadDim;
  // layout_2d.h: per chip and layer, bytes sent by each kind of collective (ring: (p-1)/p of the buffer).
  const std::uint64_t gathers = 2 * (y - 1) * (b * d / x) / y + (x - 1) * (b * q_y) / x + (x - 1) * (b * f / y) / x;
  const std::uint64_t scatters = (x - 1) * (b * n_qkv) / x + 2 * (y - 1) * (b * d / x) / y + (x - 1) * (b * 2 * f / y) / x;
  const std::uint64_t head_and_embedding = 2 * (t - 1) * (b * d) / t;  // gathered over all T chips
  CHECK(kind_bits(two_d.report, "all_gather") == t * (layers * gathers + head_and_embedding) * e * 8);
  CHECK(kind_bits(two_d.report, "reduce_scatter") == t * layers * scatters * e * 8);
  CHECK(kind_bits(two_d.report, "all_reduce") == 0);
  // 1D over the same 16 chips: 4 (T-1)/T x B x d per layer (7680 B per token); 2D sends 5632 B.
  const std::uint64_t one_d_bits = kind_bits(one_d.report, "all_reduce");
  CHECK(one_d_bits == t * layers * 2 * (2 * (t - 1) * b * d / t) * e * 8);
  CHECK(kind_bits(two_d.report, "all_gather") + kind_bits(two_d.report, "reduce_scatter") <
        one_d_bits + kind_bits(one_d.report, "all_gather"));
  CHECK(two_d.report["counts"]["macs"] == one_d.report["counts"]["macs"]);
}

TEST_CASE("weight-gathered: each chip sends (G-1)/G of every weight it uses, whatever the batch", "[sim][physics]") {
  const std::vector<std::string> model = {
      "workload.model.hidden_size=2048", "workload.model.num_hidden_layers=2", "workload.model.num_attention_heads=16",
      "workload.model.num_key_value_heads=16", "workload.model.head_dim=128", "workload.model.intermediate_size=8192",
      "workload.model.vocab_size=32000", "workload.phase=prefill", "workload.prompt_tokens=64",
      "arch.topology.kind=torus2d", "arch.topology.dims=[4, 4]", "workload.mapping.gathered=[x, y]",
      "arch.topology.collectives.algorithm=ring"};
  const auto b16 = run_default(with(model, {"workload.batch=16"}));
  const auto b32 = run_default(with(model, {"workload.batch=32"}));
  REQUIRE(b16.exit_code == 0);
  REQUIRE(b32.exit_code == 0);
  const std::uint64_t g = 16, e = 2, d = kHidden, f = 8192;
  // Per layer: qkv d x 3d, o_proj d x d, gate_up d x 2f, down f x d; then the LM head d x vocab.
  const std::uint64_t layer = d * 3 * d + d * d + d * 2 * f + f * d, head = d * 32000;
  const std::uint64_t per_chip = (g - 1) * (kLayers * layer + head) * e / g;
  CHECK(kind_bits(b16.report, "all_gather") == g * per_chip * 8);
  CHECK(kind_bits(b32.report, "all_gather") == kind_bits(b16.report, "all_gather"));  // independent of the batch
  CHECK(kind_bits(b16.report, "all_reduce") == 0);  // no activation moves
  // Each chip stores 1/G of the weights and the KV cache of its own sequences.
  const auto& chip0 = b16.report["placement"]["chips"][0];
  CHECK(chip0["hbm"]["weights"].get<std::uint64_t>() + chip0["sram"]["weights"].get<std::uint64_t>() ==
        (kLayers * layer + head) * e / g);
  CHECK(kv_bytes(b16.report) == kLayers * 16 * 64 * 2 * 16 * kHeadDim * e);
  // The same MACs as the model's.
  CHECK(b16.report["counts"]["macs"]["total"].get<std::uint64_t>() * 2 == b32.report["counts"]["macs"]["total"].get<std::uint64_t>());
}

TEST_CASE("1D per-chip link traffic stays constant as chips are added while 2D traffic falls", "[sim][physics]") {
  // 64 heads of 32 so that 64 chips can split them; decode, batch 16, rings.
  const std::vector<std::string> model = {
      "workload.model.hidden_size=2048", "workload.model.num_hidden_layers=2", "workload.model.num_attention_heads=64",
      "workload.model.num_key_value_heads=64", "workload.model.head_dim=32", "workload.model.intermediate_size=8192",
      "workload.model.vocab_size=32000", "workload.batch=16", "workload.context_tokens=512",
      "arch.topology.kind=torus2d", "arch.topology.collectives.algorithm=ring"};
  // Per chip, the layers' traffic: everything the collectives sent less the all-gathers of the
  // embedding (both layouts) and of the LM head's input (2D), (T-1)/T x B x d bf16 each.
  auto per_chip = [&](const std::vector<std::string>& sets, double chips, int whole_gathers) {
    const auto run = run_default(with(model, sets));
    REQUIRE(run.exit_code == 0);
    double bits = 0;
    for (const auto& [kind, c] : run.report["collectives"].items()) bits += c["bits"].get<double>();
    return bits / chips - whole_gathers * (chips - 1) / chips * 16 * 2048 * 2 * 8;
  };
  const double one_d_16 = per_chip({"arch.topology.dims=[2, 8]", "workload.mapping.tensor=[x, y]"}, 16, 1);
  const double one_d_64 = per_chip({"arch.topology.dims=[4, 16]", "workload.mapping.tensor=[x, y]"}, 64, 1);
  const double two_d_16 =
      per_chip({"arch.topology.dims=[2, 8]", "workload.mapping.hidden=[x]", "workload.mapping.tensor=[y]"}, 16, 2);
  const double two_d_64 =
      per_chip({"arch.topology.dims=[4, 16]", "workload.mapping.hidden=[x]", "workload.mapping.tensor=[y]"}, 64, 2);
  // 1D: 4 (T-1)/T B d per layer, 63/64 against 15/16 of it: constant in T.
  CHECK(one_d_64 / one_d_16 == Approx((63.0 / 64) / (15.0 / 16)).epsilon(1e-9));
  // 2D: X = 2 -> 4, Y = 8 -> 16: 2,883,584 -> 1,769,472 bits per chip (0.61x), under half of 1D at 64.
  CHECK(two_d_64 < 0.65 * two_d_16);
  CHECK(two_d_64 < 0.5 * one_d_64);
}
