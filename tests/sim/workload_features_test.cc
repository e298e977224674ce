// Whole-run checks of the workload features (docs/moe.md, long-context.md, precision.md,
// speculative-decoding.md, sparsity.md): each run is the pjsim executable in a child process.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "run_pjsim.h"
#include "sim/config/load.h"

using nlohmann::json;
using pjsim::testing::run_default;
using pjsim::testing::run_pjsim;

namespace {

pjsim::sim::DesignPoint point_with(const std::vector<std::string>& sets) {
  pjsim::sim::LoadRequest request;
  request.sets = sets;
  return pjsim::sim::load_design_point(request);
}

std::uint64_t u64(const json& j) { return j.get<std::uint64_t>(); }
std::uint64_t hbm_read(const json& report, const char* data) {
  return u64(report["counts"]["bits_by_data"]["hbm_read"][data]);
}
double per_token(const json& report) { return report["tokens"]["energy_pj_per_token"].get<double>(); }

// tiny-llama would fit in SRAM: keep weights and KV in HBM so that their traffic is counted there.
const std::vector<std::string> kTiny = {"workload.model=tiny-llama", "workload.batch=1", "workload.context_tokens=16",
                                        "workload.placement.weights=hbm", "workload.placement.kv=hbm"};

std::vector<std::string> with(std::vector<std::string> sets, const std::vector<std::string>& more) {
  sets.insert(sets.end(), more.begin(), more.end());
  return sets;
}

}  // namespace

TEST_CASE("MoE at batch 1 moves the shared layers plus k experts per layer, and beats a dense model of its size",
          "[sim][physics]") {
  const auto moe_sets = with(kTiny, {"workload.model.num_local_experts=8", "workload.model.num_experts_per_tok=2"});
  const auto moe = run_default(moe_sets);
  REQUIRE(moe.exit_code == 0);
  const auto s = point_with(moe_sets).workload.model;
  CHECK(hbm_read(moe.report, "weights") ==
        16 * (s.num_hidden_layers * (s.layer_shared_params() + 2 * s.expert_params()) + s.hidden_size * s.vocab_size));
  const auto& experts = moe.report["workload"]["moe"]["experts"];
  REQUIRE(experts.size() == 8);
  std::uint64_t tokens = 0, bits = 0;
  for (const auto& e : experts) tokens += u64(e["tokens"]), bits += u64(e["weight_bits"]);
  CHECK(tokens == 2 * 2);  // 1 token x top 2 x 2 layers
  CHECK(bits == 2 * 2 * s.expert_params() * 16);
  CHECK(moe.report["workload"]["moe"]["distinct_experts_per_layer_step"].get<double>() == 2.0);

  // Dense with the same total parameters (8 experts of 512 -> one MLP of 4096; the MoE also has a router).
  const auto dense = run_default(with(kTiny, {"workload.model.intermediate_size=4096"}));
  REQUIRE(dense.exit_code == 0);
  CHECK(point_with(with(kTiny, {"workload.model.intermediate_size=4096"})).workload.model.total_params() <=
        s.total_params());
  CHECK(per_token(moe.report) < per_token(dense.report));
}

TEST_CASE("KV bits read per decode step grow linearly with context up to 128k, attention then dominates",
          "[sim][physics]") {
  const std::uint64_t per_position = 2 * 2 * 128 * 16;  // tiny-llama: 2 layers x (K, V) x 128 wide x bf16
  for (std::uint64_t context : {8192, 32768, 131072}) {
    const auto run = run_default({"workload.model=tiny-llama", "workload.batch=1", "workload.placement.kv=hbm",
                                  "workload.context_tokens=" + std::to_string(context)});
    REQUIRE(run.exit_code == 0);
    CHECK(hbm_read(run.report, "kv") == context * per_position);
    CHECK(u64(run.report["workload"]["kv"]["bits_by_tier"]["hbm_read"]) == context * per_position);
  }
  // Llama-3-8B at batch 1: the MLP leads at 2k of context, attention at 128k.
  for (const char* context : {"2048", "131072"}) {
    const auto run = run_default({"workload.batch=1", std::string("workload.context_tokens=") + context,
                                  "arch.chip.hbm.capacity=64 GiB"});
    REQUIRE(run.exit_code == 0);
    const auto& by_op = run.report["energy_pj"]["by_op"];
    const bool attention_leads = by_op["attention"].get<double>() > by_op["mlp"].get<double>();
    CHECK(attention_leads == (std::string(context) == "131072"));
  }
}

TEST_CASE("sliding window: KV read per step stops growing at the window", "[sim][physics]") {
  const auto run = run_default({"workload.model=tiny-llama", "workload.batch=1", "workload.context_tokens=65536",
                                "workload.model.sliding_window=4096", "workload.placement.kv=hbm"});
  REQUIRE(run.exit_code == 0);
  CHECK(hbm_read(run.report, "kv") == 4096ull * 2 * 2 * 128 * 16);
}

TEST_CASE("int4 weights with group 128 and bf16 scales move 4 + 16/128 bits per weight, bf16 > int8 > int4 per token",
          "[sim][physics]") {
  const auto sets = with(kTiny, {"workload.precision.weights=int4", "workload.precision.group_size=128"});
  const auto run = run_default(sets);
  REQUIRE(run.exit_code == 0);
  const std::uint64_t w = point_with(sets).workload.model.weight_params();
  CHECK(hbm_read(run.report, "weights") == 4 * w);
  CHECK(hbm_read(run.report, "scales") == w / 128 * 16);
  CHECK(static_cast<double>(hbm_read(run.report, "weights") + hbm_read(run.report, "scales")) / w == 4 + 16.0 / 128);
  CHECK(run.report["energy_pj"]["by_op"]["scales"].get<double>() > 0);

  double previous = 1e300;
  for (const char* precision : {"bf16", "int8", "int4"}) {
    const auto r = run_default({"workload.batch=1", "workload.context_tokens=256",
                                std::string("workload.precision.weights=") + precision,
                                "workload.precision.group_size=128"});
    REQUIRE(r.exit_code == 0);
    INFO(precision);
    CHECK(per_token(r.report) < previous);
    previous = per_token(r.report);
  }
}

TEST_CASE("group scales are read and priced when int4 weights stay in SRAM, so the group size matters there too",
          "[sim][physics]") {
  const std::vector<std::string> resident = {"workload.model=tiny-llama", "workload.batch=1", "workload.context_tokens=16",
                                             "workload.placement.weights=sram", "workload.precision.weights=int4"};
  double previous = 0;
  for (const std::uint64_t group : {128, 32, 8}) {
    const auto sets = with(resident, {"workload.precision.group_size=" + std::to_string(group)});
    const auto run = run_default(sets);
    REQUIRE(run.exit_code == 0);
    INFO("group " << group);
    const std::uint64_t w = point_with(sets).workload.model.weight_params();
    CHECK(hbm_read(run.report, "scales") == 0);  // pinned with the weights
    CHECK(u64(run.report["counts"]["bits_by_data"]["sram_read"]["scales"]) == w / group * 16);
    CHECK(per_token(run.report) > previous);  // smaller groups: more scale bits read per token
    previous = per_token(run.report);
  }
}

TEST_CASE("speculative decoding: 5.12 tokens per pass, over 4x fewer weight bits per accepted token", "[sim][physics]") {
  const std::vector<std::string> base = {"workload.batch=1", "workload.context_tokens=256"};
  const auto plain = run_default(base);
  const auto spec = run_default(with(base, {"workload.speculative.draft_model=tiny-llama",
                                            "workload.speculative.draft_tokens=8", "workload.speculative.acceptance=0.85"}));
  REQUIRE(plain.exit_code == 0);
  REQUIRE(spec.exit_code == 0);
  CHECK(spec.report["tokens"]["accepted_per_pass"].get<double>() == Approx(5.12).epsilon(1e-3));
  CHECK(spec.report["tokens"]["basis"] == "accepted");
  const double plain_bits = static_cast<double>(hbm_read(plain.report, "weights")) / 1.0;
  const double spec_bits =
      static_cast<double>(hbm_read(spec.report, "weights")) / spec.report["tokens"]["accepted"].get<double>();
  CHECK(plain_bits / spec_bits > 4.0);
  CHECK(spec.report["energy_pj"]["by_op"]["draft"].get<double>() > 0);  // the draft's cost is included
  CHECK(per_token(spec.report) < per_token(plain.report));
}

TEST_CASE("2:4 sparsity halves weight MACs and bits (plus metadata) only on hardware that supports it", "[sim][physics]") {
  const auto dense = run_default(kTiny);
  const auto unsupported = run_default(with(kTiny, {"workload.sparsity.weights=2:4"}));
  const auto sparse =
      run_default(with(kTiny, {"workload.sparsity.weights=2:4", "arch.core.array.structured_sparsity=2:4"}));
  REQUIRE(dense.exit_code == 0);
  REQUIRE(unsupported.exit_code == 0);
  REQUIRE(sparse.exit_code == 0);
  const std::uint64_t w = point_with(kTiny).workload.model.weight_params();
  CHECK(u64(sparse.report["counts"]["macs"]["total"]) == u64(dense.report["counts"]["macs"]["total"]) - w / 2);
  CHECK(hbm_read(sparse.report, "weights") * 2 == hbm_read(dense.report, "weights"));
  CHECK(hbm_read(sparse.report, "metadata") == w / 2 * 2);
  CHECK(unsupported.report["counts"] == dense.report["counts"]);
  CHECK(unsupported.report["energy_pj"]["total"] == dense.report["energy_pj"]["total"]);

  // Activation sparsity: half the weight MACs skipped where the array gates zeros, none elsewhere.
  const auto gated = run_default(with(kTiny, {"workload.sparsity.activations=0.5", "arch.core.array.activation_sparsity=true"}));
  const auto ungated = run_default(with(kTiny, {"workload.sparsity.activations=0.5"}));
  REQUIRE(gated.exit_code == 0);
  CHECK(u64(ungated.report["counts"]["macs"]["total"]) == u64(dense.report["counts"]["macs"]["total"]));
  CHECK(static_cast<double>(u64(gated.report["counts"]["macs"]["total"])) ==
        Approx(static_cast<double>(u64(dense.report["counts"]["macs"]["total"]) - w / 2)).epsilon(1e-6));
}

TEST_CASE("models from a Hugging Face config.json, unsupported types and missing fields are clear errors",
          "[sim][errors]") {
  const std::string json_path = std::string(PJSIM_SHARED_DIR) + "/reference/models/mixtral-8x7b.json";
  const auto preset = point_with({"workload.model=mixtral-8x7b", "arch.chip.hbm.capacity=128 GiB"}).workload.model;
  pjsim::sim::LoadRequest request;
  request.workload = json_path;
  request.sets = {"arch.chip.hbm.capacity=128 GiB"};
  const auto from_json = pjsim::sim::load_design_point(request).workload.model;
  CHECK(from_json.total_params() == preset.total_params());
  CHECK(from_json.num_experts == 8);

  const auto dir = std::filesystem::temp_directory_path() / "pjsim_hf_test";
  std::filesystem::create_directories(dir);
  const std::string gpt2 = (dir / "gpt2.json").string();
  std::ofstream(gpt2) << R"({"model_type": "gpt2", "n_embd": 768})";
  const auto bad = run_pjsim({"run", "--workload", gpt2});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find(gpt2 + " (read for workload.model.config_json at --workload): model_type 'gpt2' is not supported "
                          "(llama, mistral, mixtral, qwen3_moe)") != std::string::npos);
  const std::string missing = (dir / "missing.json").string();
  std::ofstream(missing) << R"({"model_type": "llama", "num_hidden_layers": 2})";
  const std::string point = (dir / "point.yaml").string();
  std::ofstream(point) << "arch: tpu-v4-like\nworkload:\n  model: {config_json: missing.json}\n  context_tokens: 16\n";
  const auto missing_run = run_pjsim({"run", point});
  CHECK(missing_run.exit_code == 2);
  // The file, then the YAML key that asked for it.
  CHECK(missing_run.err.find(missing + " (read for workload.model.config_json at " + point + ":3:24): missing field 'hidden_size'") !=
        std::string::npos);
}

TEST_CASE("a KV cache that fits nowhere names the shortfall", "[sim][errors]") {
  const auto run = run_default({"workload.batch=64", "workload.context_tokens=131072"});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("do not fit in arch.chip.hbm.capacity (32.00 GiB); short by") != std::string::npos);
}
