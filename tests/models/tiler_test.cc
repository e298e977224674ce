// Tiling invariants: tiles conserve MACs and operand bits; weights stream once when activations
// stay in SRAM; buffers bound every load.
#include <catch2/catch.hpp>

#include "models/program.h"
#include "models/tiler.h"
#include "models/weight_format.h"

using namespace pjsim::models;
using pjsim::workloads::Op;
using pjsim::workloads::OpKind;
using pjsim::workloads::Precision;

namespace {

CoreParams core_with_sram(double bytes) {
  CoreParams c;
  c.sram.capacity_bytes = bytes;
  c.dma.buffers = 2;
  return c;
}

Op gemm(std::uint64_t m, std::uint64_t k, std::uint64_t n, Precision w = Precision::bf16) {
  Op op;
  op.kind = OpKind::gemm;
  op.m = m;
  op.k = k;
  op.n = n;
  op.operand_precision = w;
  return op;
}

struct Sums {
  std::uint64_t macs = 0, operand = 0, activation_loads = 0, max_load = 0, stores = 0;
};

Sums sum(const std::vector<Tile>& tiles) {
  Sums s;
  for (const Tile& t : tiles) {
    s.macs += t.macs;
    s.operand += t.load_operand_bits;
    s.activation_loads += t.load_activation_bits;
    s.max_load = std::max(s.max_load, t.load_operand_bits + t.load_activation_bits);
    s.stores += t.store_activation_bits;
  }
  return s;
}

}  // namespace

TEST_CASE("resident activations: weights stream exactly once, in buffer-sized tiles", "[models][physics]") {
  const CoreParams core = core_with_sram(16.0 * 1024 * 1024);
  for (auto [k, n] : {std::pair<std::uint64_t, std::uint64_t>{4096, 6144}, {14336, 4096}, {4096, 128256}, {100, 7}}) {
    for (Precision w : {Precision::bf16, Precision::int8}) {
      const Op op = gemm(16, k, n, w);
      const Sums s = sum(tile_op(op, core, true));
      CHECK(s.macs == 16 * k * n);
      CHECK(s.operand == static_cast<std::uint64_t>(k * n * pjsim::workloads::bits_per_element(w)));
      CHECK(s.activation_loads == 0);
      CHECK(s.max_load <= 16ull * 1024 * 1024 * 8 / 4);
    }
  }
}

TEST_CASE("spilled activations: output-stationary blocks bound the re-reads", "[models][physics]") {
  const CoreParams core = core_with_sram(16.0 * 1024 * 1024);
  const Op op = gemm(8192, 4096, 14336);
  const Sums s = sum(tile_op(op, core, false));
  CHECK(s.macs == 8192ull * 4096 * 14336);
  // 16 MiB: fp32 accumulators of b x b in 4 MiB -> b = 1024; weights read M / b = 8 times,
  // activations N / b = 14 times.
  CHECK(s.operand == 8ull * 4096 * 14336 * 16);
  CHECK(s.activation_loads == 14ull * 8192 * 4096 * 16);
  CHECK(s.stores == 8192ull * 14336 * 16);
  CHECK(s.max_load <= 16ull * 1024 * 1024 * 8 / 4);
}

TEST_CASE("shards of an op over cores add up to the op", "[models][physics]") {
  Op attention;
  attention.kind = OpKind::attention;
  attention.instances = 16 * 8;
  attention.m = 4;
  attention.k = 128;
  attention.n = 2048;
  attention.vector_ops = attention.instances * 4 * 2048 * 5;
  attention.kv_append_elements = 16 * 2 * 1024;
  attention.operand_precision = Precision::bf16;
  for (std::uint64_t cores : {1, 2, 3, 8}) {
    std::uint64_t macs = 0, vector_ops = 0, kv_bits = 0, kv_store = 0;
    for (std::uint64_t c = 0; c < cores; ++c) {
      const Op shard = shard_op(attention, c, cores);
      for (const Tile& t : tile_op(shard, core_with_sram(16.0 * 1024 * 1024), true)) {
        macs += t.macs;
        vector_ops += t.vector_ops;
        kv_bits += t.load_operand_bits;
        kv_store += t.store_kv_bits;
      }
    }
    CHECK(macs == attention.macs());
    CHECK(vector_ops == attention.vector_ops);
    CHECK(kv_bits == attention.operand_elements() * 16);
    CHECK(kv_store == attention.kv_append_elements * 16);
  }
}

TEST_CASE("a KV cache longer than a buffer streams in chunks", "[models][physics]") {
  Op attention;
  attention.kind = OpKind::attention;
  attention.instances = 1;
  attention.m = 8;
  attention.k = 128;
  attention.n = 1 << 20;  // a million positions: 512 MiB of bf16 K and V
  attention.vector_ops = 8ull * (1 << 20) * 5;
  const auto tiles = tile_op(attention, core_with_sram(16.0 * 1024 * 1024), true);
  CHECK(tiles.size() > 1);
  CHECK(sum(tiles).operand == 2ull * 128 * (1 << 20) * 16);
  CHECK(sum(tiles).macs == attention.macs());
}

TEST_CASE("core programs split gemm columns and gather outputs", "[models][physics]") {
  ArchParams arch;
  arch.chip.cores = 2;
  arch.core = core_with_sram(16.0 * 1024 * 1024);
  const auto programs = build_core_programs({gemm(4, 4096, 6000)}, arch);
  REQUIRE(programs.size() == 2);
  CHECK(programs[0][0].shard.n == 3000);
  CHECK(programs[1][0].shard.n == 3000);
  CHECK(programs[0][0].gather_bits == 4 * 3000 * 16);
  arch.chip.cores = 1;
  CHECK(build_core_programs({gemm(4, 4096, 6000)}, arch)[0][0].gather_bits == 0);
}

TEST_CASE("a core op's tiles stream its shard of the weights unless they are resident in SRAM", "[models][physics]") {
  ArchParams arch;
  arch.chip.cores = 2;
  arch.core = core_with_sram(16.0 * 1024 * 1024);
  pjsim::workloads::ChipItem item;
  item.op = gemm(4, 4096, 6000, Precision::int8);
  for (bool resident : {false, true}) {
    const auto programs = build_core_programs({item}, arch, Residency{resident, false});
    for (const CoreProgram& program : programs) {
      const std::vector<Tile> tiles = tiles_of(program[0], arch.core);
      REQUIRE(!tiles.empty());
      CHECK(sum(tiles).macs == 4ull * 4096 * 3000);                           // half the columns per core
      CHECK(sum(tiles).operand == (resident ? 0 : 4096ull * 3000 * 8));      // int8 weights, once
    }
  }
  pjsim::workloads::ChipItem collective;
  collective.is_collective = true;
  CHECK(tiles_of(build_core_programs({collective}, arch, Residency{})[0][0], arch.core).empty());
}

TEST_CASE("weight formats: N:M sparsity where supported, group scales, dequantisation", "[models][physics]") {
  using pjsim::models::weight_tile_cost;
  pjsim::workloads::Op op;
  op.kind = pjsim::workloads::OpKind::gemm;
  op.sparsity_n = 2;
  op.sparsity_m = 4;
  pjsim::models::MatrixUnitParams dense_array, sparse_array;
  sparse_array.structured_sparsity = {{2, 4}};
  const auto sparse = weight_tile_cost(op, sparse_array, 4, 256, 128);
  CHECK(sparse.kept_k == 128);
  CHECK(sparse.weight_bits == 128 * 128 * 16);
  CHECK(sparse.metadata_bits == 128 * 128 * 2);
  CHECK(sparse.macs == 4 * 128 * 128);
  const auto dense = weight_tile_cost(op, dense_array, 4, 256, 128);
  CHECK(dense.weight_bits == 256 * 128 * 16);
  CHECK(dense.metadata_bits == 0);
  CHECK(dense.macs == 4 * 256 * 128);

  pjsim::workloads::Op q;
  q.kind = pjsim::workloads::OpKind::gemm;
  q.operand_precision = pjsim::workloads::Precision::int4;
  q.scale_group = 128;
  q.dequantise = true;
  const auto c = weight_tile_cost(q, dense_array, 1, 256, 128);
  CHECK(c.weight_bits == 256 * 128 * 4);
  CHECK(c.scale_bits == 2 * 128 * 16);
  CHECK(static_cast<double>(c.weight_bits + c.scale_bits) / (256 * 128) == 4 + 16.0 / 128);
  CHECK(c.dequant_ops == 256 * 128 * 2);
  CHECK(pjsim::models::bits_per_dense_weight(q, dense_array) == 4 + 16.0 / 128);
}

TEST_CASE("causal prefill attention: masked blocks are neither loaded nor computed", "[models][physics]") {
  // One (sequence, kv head) instance of a 4096-token prompt, 4 query heads per KV head.
  Op causal;
  causal.kind = OpKind::attention;
  causal.instances = 2;
  causal.m = 4 * 4096;
  causal.k = 128;
  causal.n = 4096;
  causal.query_tokens = 4096;
  causal.vector_ops = causal.scores() * 5;
  Op square = causal;
  square.query_tokens = 0;
  square.vector_ops = square.scores() * 5;
  REQUIRE(causal.scores() == 2ull * 4 * 4096 * 4097 / 2);
  const CoreParams core = core_with_sram(16.0 * 1024 * 1024);
  for (bool resident : {true, false}) {
    const auto causal_tiles = tile_op(causal, core, resident);
    const auto square_tiles = tile_op(square, core, resident);
    CHECK(sum(causal_tiles).macs == causal.macs());
    CHECK(causal.macs() == 2ull * 4 * 128 * 4096 * 4097);  // instances x group x hd x s (s + 1)
    std::uint64_t vector_ops = 0, causal_cycles = 0, square_cycles = 0;
    for (const Tile& t : causal_tiles) {
      vector_ops += t.vector_ops;
      for (int g = 0; g < t.gemm_count; ++g) causal_cycles += gemm_cycles(t.gemm[g], t.instances, core.matrix);
    }
    for (const Tile& t : square_tiles)
      for (int g = 0; g < t.gemm_count; ++g) square_cycles += gemm_cycles(t.gemm[g], t.instances, core.matrix);
    CHECK(vector_ops == causal.vector_ops);
    // KV loads and array time: about half the square, never less than the exact triangle.
    const double kv_ratio = static_cast<double>(sum(causal_tiles).operand) / static_cast<double>(sum(square_tiles).operand);
    const double time_ratio = static_cast<double>(causal_cycles) / static_cast<double>(square_cycles);
    CHECK(kv_ratio > 0.5);
    CHECK(kv_ratio < 0.6);
    CHECK(time_ratio > 0.5);
    CHECK(time_ratio < 0.6);
    CHECK(sum(causal_tiles).stores == sum(square_tiles).stores);  // every output row is written once
  }
}

TEST_CASE("causal attention with a sliding window loads only the window's band", "[models][physics]") {
  Op op;
  op.kind = OpKind::attention;
  op.instances = 1;
  op.m = 8192;
  op.k = 128;
  op.n = 8192;
  op.query_tokens = 8192;
  op.mask.window = 512;
  op.vector_ops = op.scores() * 5;
  const auto tiles = tile_op(op, core_with_sram(16.0 * 1024 * 1024), true);
  CHECK(sum(tiles).macs == op.macs());
  CHECK(op.macs() == 2ull * 128 * (512ull * 513 / 2 + (8192 - 512) * 512));
  // Each Q block reads its band of about window + block positions, far below the full triangle.
  CHECK(sum(tiles).operand < 2ull * 128 * 16 * 8192 * 8193 / 2 / 4);
}
