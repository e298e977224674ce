// Multi-chip runs checked against closed forms and the questions the mesh exists to answer:
// 2D mesh against 3D torus, SRAM-resident serving over many chips, and what splitting costs.
#include <catch2/catch.hpp>

#include "run_pjsim.h"
#include "sim/config/load.h"
#include "test_points.h"
#include "topologies/chip_mesh.h"
#include "topologies/collectives.h"

using pjsim::testing::run_default;
using pjsim::testing::with;
using nlohmann::json;

namespace {

// A 4-layer model with 64 heads, so that tensor parallelism can span 64 chips.
const std::vector<std::string> kWideModel = {
    "workload.model.hidden_size=2048",   "workload.model.num_hidden_layers=4", "workload.model.num_attention_heads=64",
    "workload.model.num_key_value_heads=64", "workload.model.head_dim=32",   "workload.model.intermediate_size=8192",
    "workload.model.vocab_size=32000",   "workload.batch=8",                  "workload.context_tokens=512",
    "arch.topology.collectives.algorithm=ring"};  // the closed forms below are those of ring schedules

double dynamic_per_token(const json& report) {
  return report["energy_pj"]["dynamic"].get<double>() / report["tokens"]["generated"].get<double>();
}

// ICI bit-hops of a tensor-parallel decode step: an all-gather of the embedding rows and two
// all-reduces of batch x hidden activations per layer, each as topologies/collectives.h schedules it.
std::uint64_t expected_bit_hops(const pjsim::topologies::TopologySpec& spec, const std::vector<std::size_t>& axes,
                                std::uint64_t layers, std::uint64_t activation_bytes) {
  const pjsim::topologies::ChipMesh mesh(spec);
  return 2 * layers * bit_hops(all_reduce(mesh, axes, activation_bytes), mesh) +
         bit_hops(all_gather(mesh, axes, activation_bytes), mesh);
}

}  // namespace

TEST_CASE("a 3D torus moves an all-reduce over fewer hops and in less time than a 2D mesh of as many chips",
          "[sim][physics]") {
  using pjsim::topologies::TopologyKind;
  const auto torus = run_default(with(kWideModel, {"arch.topology.kind=torus3d", "arch.topology.dims=[4, 4, 4]",
                                                   "workload.mapping.tensor=[x, y, z]"}));
  const auto mesh = run_default(
      with(kWideModel, {"arch.topology.kind=mesh2d", "arch.topology.dims=[8, 8]", "workload.mapping.tensor=[x, y]"}));
  REQUIRE(torus.exit_code == 0);
  REQUIRE(mesh.exit_code == 0);
  const pjsim::topologies::TopologySpec torus_spec{TopologyKind::torus3d, {4, 4, 4}};
  const pjsim::topologies::TopologySpec mesh_spec{TopologyKind::mesh2d, {8, 8}};
  CHECK(pjsim::topologies::ChipMesh(torus_spec).average_hops() < pjsim::topologies::ChipMesh(mesh_spec).average_hops());
  // bf16 activations of 8 sequences x 2048 = 32 KiB per collective.
  const std::uint64_t bytes = 8 * 2048 * 2;
  CHECK(torus.report["counts"]["bits"]["ici_bit_hops"].get<std::uint64_t>() ==
        expected_bit_hops(torus_spec, {0, 1, 2}, 4, bytes));
  CHECK(mesh.report["counts"]["bits"]["ici_bit_hops"].get<std::uint64_t>() ==
        expected_bit_hops(mesh_spec, {0, 1}, 4, bytes));
  CHECK(torus.report["time"]["collective_seconds"].get<double>() < mesh.report["time"]["collective_seconds"].get<double>());
  CHECK(torus.report["energy_pj"]["by_tier"]["ici"].get<double>() < mesh.report["energy_pj"]["by_tier"]["ici"].get<double>());
  CHECK(torus.report["links"]["count"] == 384);
  CHECK(torus.report["links"]["collectives"] == 9);
  CHECK(torus.report["energy_pj"]["by_chip"].size() == 64);
}

TEST_CASE("Llama-3-8B in SRAM over 64 chips reads no weight from HBM and beats 4 chips streaming it",
          "[sim][physics]") {
  const std::vector<std::string> decode = {"workload.batch=1", "workload.context_tokens=512"};
  const auto sram64 = run_default(with(decode, {"arch.topology.kind=torus3d", "arch.topology.dims=[4, 4, 4]",
                                                "workload.mapping.tensor=[x, y]", "workload.mapping.pipeline=[z]",
                                                "arch.core.sram.capacity=512 MiB"}));
  const auto hbm4 = run_default(with(decode, {"arch.topology.dims=[2, 2]", "workload.mapping.tensor=[x, y]"}));
  REQUIRE(sram64.exit_code == 0);
  REQUIRE(hbm4.exit_code == 0);
  CHECK(sram64.report["counts"]["bits_by_data"]["hbm_read"]["weights"] == 0);
  CHECK(sram64.report["placement"]["totals"]["hbm"]["weights"] == 0);
  CHECK(sram64.report["placement"]["totals"]["sram"]["weights"].get<std::uint64_t>() > 15'000'000'000ull);
  const auto w = pjsim::testing::point_with({}).workload;
  CHECK(hbm4.report["counts"]["bits_by_data"]["hbm_read"]["weights"].get<std::uint64_t>() == w.model.weight_params() * 16);
  // Why: the HBM tier all but vanishes, and the step is shorter.
  CHECK(sram64.report["energy_pj"]["by_tier"]["hbm"].get<double>() < 1e-3 * hbm4.report["energy_pj"]["by_tier"]["hbm"].get<double>());
  CHECK(sram64.report["time"]["seconds"].get<double>() < hbm4.report["time"]["seconds"].get<double>());
  CHECK(dynamic_per_token(sram64.report) < dynamic_per_token(hbm4.report));
  // Static power is paid by 16 times as many chips: with a v4-like 90 W each it outweighs the
  // dynamic saving at batch 1 (docs/mapping.md discusses it).
  CHECK(sram64.report["energy_pj"]["static"].get<double>() > hbm4.report["energy_pj"]["static"].get<double>());
}

TEST_CASE("splitting the same work over more chips does not lower dynamic energy per token", "[sim][physics]") {
  double previous = 0;
  for (const char* chips : {"1", "2", "4", "8"}) {
    INFO(chips);
    const auto run = run_default({"workload.batch=4", "workload.context_tokens=256", "workload.placement.weights=hbm",
                                  std::string("arch.topology.dims=[") + chips + ", 1]", "workload.mapping.tensor=[x]"});
    REQUIRE(run.exit_code == 0);
    const double energy = dynamic_per_token(run.report);
    CHECK(energy >= previous);
    if (std::string(chips) != "1") CHECK(run.report["energy_pj"]["by_tier"]["ici"].get<double>() > 0);
    previous = energy;
  }
}

TEST_CASE("pipeline stages send activations point to point and run one after the other", "[sim][physics]") {
  const auto one = run_default({"workload.batch=2", "workload.context_tokens=256", "workload.placement.weights=hbm"});
  const auto four = run_default({"workload.batch=2", "workload.context_tokens=256", "workload.placement.weights=hbm",
                                 "arch.topology.dims=[1, 4]", "workload.mapping.pipeline=[y]"});
  REQUIRE(one.exit_code == 0);
  REQUIRE(four.exit_code == 0);
  // Three stage boundaries, each sending 2 x 4096 bf16 activations one hop.
  CHECK(four.report["counts"]["bits"]["ici_bit_hops"].get<std::uint64_t>() == 3ull * 2 * 4096 * 16);
  CHECK(four.report["links"]["collectives"] == 3);
  // Each stage streams a quarter of the layers: no step is faster without micro-batching.
  CHECK(four.report["time"]["seconds"].get<double>() == Approx(one.report["time"]["seconds"].get<double>()).epsilon(0.05));
  CHECK(four.report["counts"]["bits_by_data"]["hbm_read"]["weights"] == one.report["counts"]["bits_by_data"]["hbm_read"]["weights"]);
}

TEST_CASE("an all-reduce of a bandwidth-bound buffer over x, y, z of a 4x4x4 torus is at least 2.5x faster with every link busy",
          "[sim][physics]") {
  // One layer, tensor over all 64 chips, a prefill of 16 x 2048 tokens: two all-reduces of 256 MiB.
  const std::vector<std::string> sets = {
      "arch.topology.kind=torus3d", "arch.topology.dims=[4, 4, 4]", "workload.phase=prefill", "workload.prompt_tokens=2048", "workload.context_tokens=0",
      "workload.model.hidden_size=4096", "workload.model.num_hidden_layers=1", "workload.model.num_attention_heads=64",
      "workload.model.num_key_value_heads=64", "workload.model.head_dim=64", "workload.model.intermediate_size=8192",
      "workload.model.vocab_size=64", "workload.mapping.tensor=[x, y, z]"};
  const auto concurrent = run_default(sets);
  const auto sequential = run_default(with(sets, {"arch.topology.collectives.axes=sequential"}));
  REQUIRE(concurrent.exit_code == 0);
  REQUIRE(sequential.exit_code == 0);
  const auto& c = concurrent.report["collectives"]["all_reduce"];
  const auto& s = sequential.report["collectives"]["all_reduce"];
  CHECK(c["count"] == 2);
  CHECK(c["algorithms"]["ring"] == 2);
  // The same bits over the same links (every ring transfer is one hop on a torus) ...
  CHECK(c["bits"] == s["bits"]);
  CHECK(c["bits"].get<std::uint64_t>() == 2ull * 64 * (2 * 63 * (256ull << 20) / 64) * 8);
  CHECK(concurrent.report["counts"]["bits"]["ici_bit_hops"] == sequential.report["counts"]["bits"]["ici_bit_hops"]);
  // ... in at least 2.5x less time: 6 links per chip busy instead of 2 (bandwidth term 0.328 b
  // against 0.984 b per link direction, topologies/collective_algorithms.h).
  CHECK(s["seconds"].get<double>() >= 2.5 * c["seconds"].get<double>());
}

TEST_CASE("received collective data is written through the receiver's SRAM port and reduced on its vector unit",
          "[sim][physics]") {
  // Tensor over a 4-chip torus axis, rings: per layer two all-reduces of 16 x 2048 bf16 (64 KiB),
  // plus the embedding's all-gather of 64 KiB.
  const auto run = run_default(
      {"workload.model.hidden_size=2048", "workload.model.num_hidden_layers=2", "workload.model.num_attention_heads=16",
       "workload.model.num_key_value_heads=16", "workload.model.head_dim=128", "workload.model.intermediate_size=8192",
       "workload.model.vocab_size=32000", "workload.batch=16", "workload.context_tokens=512",
       "arch.topology.kind=torus2d", "arch.topology.dims=[4, 1]", "workload.mapping.tensor=[x]",
       "arch.topology.collectives.algorithm=ring"});
  REQUIRE(run.exit_code == 0);
  std::uint64_t adds = 0, written = 0;
  for (const auto& [key, count] : run.report["ledger"].items()) {
    // action|precision|chip|core|layer|op|data
    const bool collective = key.find("|collective|") != std::string::npos;
    if (collective && key.rfind("vector_op|", 0) == 0) adds += count.get<std::uint64_t>();
    if (collective && key.rfind("sram_write_bits|", 0) == 0) written += count.get<std::uint64_t>();
  }
  const std::uint64_t buffer = 16 * 2048 * 2, chips = 4, layers = 2;
  // Each chip receives 3/4 of the buffer in an all-reduce's reduce-scatter half and adds it (one op per
  // bf16 element); it receives 2 x 3/4 of it over the whole all-reduce, and 3/4 in the all-gather.
  CHECK(adds == chips * layers * 2 * (3 * buffer / 4) / 2);
  CHECK(written == chips * (layers * 2 * (2 * 3 * buffer / 4) + 3 * buffer / 4) * 8);
  // The adds cost vector-unit energy under the collective.
  CHECK(run.report["energy_pj"]["by_op"]["collective"].get<double>() > 0);
}
