// Mixed serving steps through the pjsim executable: report.json counts against the closed forms
// of docs/workloads.md#mixed-steps-serving, and the prefill and decode steps they generalise.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "run_pjsim.h"
#include "test_points.h"
#include "workloads/transformer.h"

using pjsim::testing::run_default;
using pjsim::testing::with;

namespace {

const std::vector<std::string> kTiny = {"workload.model=tiny-llama", "workload.placement.weights=hbm"};
// 4 decode sequences at context 100, a 16-token first chunk and an 8-token chunk after 32 cached
// positions that does not end its prompt.
const std::vector<std::string> kMixed = with(kTiny, {"workload.phase=mixed", "workload.batch=4", "workload.context_tokens=100",
                                                     "workload.chunks=[{tokens: 16, prior: 0}, {tokens: 8, prior: 32, logits: false}]"});

std::uint64_t macs(const pjsim::testing::PjsimRun& run) { return run.report["counts"]["macs"]["total"].get<std::uint64_t>(); }
std::uint64_t weight_bits(const pjsim::testing::PjsimRun& run) {
  return run.report["counts"]["bits_by_data"]["hbm_read"]["weights"].get<std::uint64_t>();
}
double seconds(const pjsim::testing::PjsimRun& run) { return run.report["time"]["seconds"].get<double>(); }

}  // namespace

TEST_CASE("pjsim run of a mixed step reports the closed-form MACs, tokens and KV cache", "[sim][physics]") {
  const auto run = run_default(kMixed);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const auto w = pjsim::testing::point_with(kMixed).workload;
  const auto& s = w.model;
  REQUIRE(w.chunks.size() == 2);
  const std::uint64_t lm_head = s.hidden_size * s.vocab_size;
  const std::uint64_t per_pair = s.num_hidden_layers * 2 * s.num_attention_heads * s.head_dim;
  const std::uint64_t pairs = 4 * 100 + 16 * 17 / 2 + (8 * 32 + 8 * 9 / 2);
  CHECK(macs(run) == 28 * (s.weight_params() - lm_head) + 5 * lm_head + per_pair * pairs);
  CHECK(run.report["tokens"]["processed"] == 28);
  CHECK(run.report["tokens"]["generated"] == 5);
  CHECK(run.report["tokens"]["basis"] == "processed");
  CHECK(run.report["phase"] == "mixed");
  const auto& mixed = run.report["workload"]["mixed"];
  CHECK(mixed["decode_sequences"] == 4);
  CHECK(mixed["prefill_chunks"] == 2);
  CHECK(mixed["prefill_tokens"] == 24);
  CHECK(mixed["gemm_rows"] == 28);
  CHECK(mixed["lm_head_rows"] == 5);
  CHECK(mixed["attention_macs"] == per_pair * pairs);
  // KV held: 4 x 100 decode positions, 16 and 40 of the chunks' sequences, bf16.
  CHECK(run.report["workload"]["kv"]["cache_bits"] == (400 + 16 + 40) * 2 * s.num_hidden_layers * s.kv_width() * 16);
  // The chunks are part of the resolved config, so of the config hash.
  CHECK(run.report["config"]["workload"]["chunks"][1] == nlohmann::json({{"tokens", 8}, {"prior", 32}, {"logits", false}}));
  // Every new position's K and V is written: 28 positions per layer.
  CHECK(run.report["counts"]["bits_by_data"]["hbm_write"]["kv"].get<std::uint64_t>() >=
        28 * 2 * s.num_hidden_layers * s.kv_width() * 16);
  CHECK(run.report_md.find("mixed") != std::string::npos);
  CHECK(!run.report_csv.empty());
  CHECK(!run.report_html.empty());
}

TEST_CASE("a mixed step streams each weight from HBM once, as a decode step does", "[sim][physics]") {
  const auto mixed = run_default(kMixed);
  const auto decode = run_default(with(kTiny, {"workload.batch=4", "workload.context_tokens=100"}));
  REQUIRE(mixed.exit_code == 0);
  REQUIRE(decode.exit_code == 0);
  CHECK(weight_bits(mixed) > 0);
  CHECK(weight_bits(mixed) == weight_bits(decode));
}

TEST_CASE("a mixed step without chunks is the decode step, with one chunk and no decodes the prefill",
          "[sim][physics]") {
  const auto decode = run_default(with(kTiny, {"workload.batch=4", "workload.context_tokens=100"}));
  const auto as_mixed = run_default(with(kTiny, {"workload.phase=mixed", "workload.batch=4", "workload.context_tokens=100"}));
  REQUIRE(decode.exit_code == 0);
  REQUIRE(as_mixed.exit_code == 0);
  CHECK(macs(as_mixed) == macs(decode));
  CHECK(seconds(as_mixed) == Approx(seconds(decode)).epsilon(1e-3));
  CHECK(as_mixed.report["energy_pj"]["total"].get<double>() == Approx(decode.report["energy_pj"]["total"].get<double>()).epsilon(1e-3));

  const auto prefill = run_default(with(kTiny, {"workload.phase=prefill", "workload.batch=1", "workload.prompt_tokens=64"}));
  const auto chunk = run_default(with(kTiny, {"workload.phase=mixed", "workload.batch=0", "workload.chunks=[{tokens: 64}]"}));
  REQUIRE(prefill.exit_code == 0);
  REQUIRE(chunk.exit_code == 0);
  CHECK(macs(chunk) == macs(prefill));
  CHECK(seconds(chunk) == Approx(seconds(prefill)).epsilon(1e-3));
  CHECK(chunk.report["tokens"]["processed"] == prefill.report["tokens"]["processed"]);
  CHECK(chunk.report["tokens"]["generated"] == prefill.report["tokens"]["generated"]);
}

TEST_CASE("a mixed step maps over tensor and pipeline axes with the same MACs", "[sim][physics]") {
  const auto one = run_default(kMixed);
  const auto tensor = run_default(with(kMixed, {"arch.topology.dims=[2, 1]", "workload.mapping.tensor=[x]"}));
  const auto pipeline = run_default(with(kMixed, {"arch.topology.dims=[2, 1]", "workload.mapping.pipeline=[x]"}));
  INFO(tensor.err << pipeline.err);
  REQUIRE(one.exit_code == 0);
  REQUIRE(tensor.exit_code == 0);
  REQUIRE(pipeline.exit_code == 0);
  // tiny-llama has 2 KV heads: over 2 tensor chips nothing is replicated but the norms and residuals.
  CHECK(macs(tensor) == macs(one));
  CHECK(macs(pipeline) == macs(one));
  CHECK(tensor.report["collectives"]["all_reduce"]["count"] == 2 * 2);  // o_proj and down per layer
}
