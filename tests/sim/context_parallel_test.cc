// Context parallelism in decode: the KV cache spread over the chips of a mesh axis, each chip
// attending its share, an all-reduce per layer combining the partial outputs.
#include <catch2/catch.hpp>

#include "run_pjsim.h"
#include "sim/config/load.h"
#include "test_points.h"
#include "topologies/chip_mesh.h"
#include "topologies/collective_algorithms.h"

using pjsim::testing::run_default;

TEST_CASE("context parallelism splits the KV cache and its reads over the chips of an axis", "[sim][physics]") {
  const std::vector<std::string> decode = {"workload.batch=2", "workload.context_tokens=32768"};
  std::vector<std::string> spread = decode;
  spread.insert(spread.end(), {"arch.topology.dims=[4, 1]", "workload.mapping.context=[x]"});
  const auto one = run_default(decode);
  const auto four = run_default(spread);
  REQUIRE(one.exit_code == 0);
  REQUIRE(four.exit_code == 0);
  const auto w = pjsim::testing::point_with(decode).workload;
  // Every KV bit is still read once per step, now a quarter on each chip.
  CHECK(four.report["counts"]["bits_by_data"]["hbm_read"]["kv"] == one.report["counts"]["bits_by_data"]["hbm_read"]["kv"]);
  CHECK(four.report["placement"]["chips"][0]["hbm"]["kv"].get<std::uint64_t>() * 4 ==
        one.report["placement"]["chips"][0]["hbm"]["kv"].get<std::uint64_t>());
  // Attention MACs are split, the other ops replicated on the 4 chips.
  const std::uint64_t weight_macs = w.batch * w.model.weight_params();
  const std::uint64_t attention = one.report["counts"]["macs"]["total"].get<std::uint64_t>() - weight_macs;
  CHECK(four.report["counts"]["macs"]["total"].get<std::uint64_t>() == 4 * weight_macs + attention);
  // One all-reduce per layer: 2 sequences x 32 heads x 128 bf16 outputs + 2 fp32 per row.
  const std::uint64_t bytes = 2 * 32 * 128 * 2 + 2 * 8 * 4 * 2 * 4;
  const pjsim::topologies::ChipMesh mesh({pjsim::topologies::TopologyKind::mesh2d, {4, 1}});
  // 9 KiB over 4 chips is latency-bound: the cost model picks one-shot (1 step of at most 3 hops
  // against 6 ring steps), each chip sending its buffer to the 3 others (docs/topologies.md).
  CHECK(four.report["collectives"]["all_reduce"]["algorithms"]["one_shot"] == w.model.num_hidden_layers);
  CHECK(four.report["counts"]["bits"]["ici_bit_hops"].get<std::uint64_t>() ==
        w.model.num_hidden_layers *
            pjsim::topologies::bit_hops(pjsim::topologies::one_shot_all_reduce(mesh, {0}, bytes), mesh));
  // At long context the step is KV bound, so spreading the KV shortens it.
  CHECK(four.report["time"]["seconds"].get<double>() < one.report["time"]["seconds"].get<double>());
}

TEST_CASE("ring attention in prefill passes each chip's KV block around the ring and splits the work", "[sim][physics]") {
  const std::vector<std::string> prefill = {"workload.phase=prefill", "workload.prompt_tokens=4096", "workload.batch=1"};
  const auto one = run_default(prefill);
  const auto ring = run_default(pjsim::testing::with(prefill, {"arch.topology.dims=[4, 1]", "workload.mapping.context=[x]"}));
  REQUIRE(one.exit_code == 0);
  REQUIRE(ring.exit_code == 0);
  const auto w = pjsim::testing::point_with(prefill).workload;
  // The same MACs, every KV bit written once, a quarter of the cache on each chip.
  CHECK(ring.report["counts"]["macs"]["total"] == one.report["counts"]["macs"]["total"]);
  CHECK(ring.report["counts"]["bits_by_data"]["hbm_write"]["kv"] == one.report["counts"]["bits_by_data"]["hbm_write"]["kv"]);
  CHECK(ring.report["placement"]["chips"][3]["hbm"]["kv"].get<std::uint64_t>() * 4 ==
        one.report["placement"]["chips"][0]["hbm"]["kv"].get<std::uint64_t>());
  // Per layer, a ring all-gather of the sequence's K and V: 8 KV heads x 2 x 4096 x 128 bf16.
  const std::uint64_t bytes = w.model.num_key_value_heads * 2 * 4096 * w.model.head_dim * 2;
  const pjsim::topologies::ChipMesh mesh({pjsim::topologies::TopologyKind::mesh2d, {4, 1}});
  const auto gather = pjsim::topologies::all_gather(mesh, {0}, bytes);
  CHECK(pjsim::topologies::bytes_sent_by(gather, 0) == bytes * 3 / 4);
  CHECK(ring.report["counts"]["bits"]["ici_bit_hops"].get<std::uint64_t>() ==
        w.model.num_hidden_layers * pjsim::topologies::bit_hops(gather, mesh));
  CHECK(ring.report["time"]["seconds"].get<double>() < 0.5 * one.report["time"]["seconds"].get<double>());
}
