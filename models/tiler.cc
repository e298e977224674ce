#include "models/tiler.h"

#include <algorithm>
#include <cmath>

#include "models/weight_format.h"

namespace pjsim::models {

using workloads::Op;
using workloads::OpKind;

namespace {

// How many steps of `step` cover `total` (the tile count along one loop), to reserve tile vectors.
std::uint64_t steps(std::uint64_t total, std::uint64_t step) { return step ? (total + step - 1) / step : 0; }

constexpr std::uint64_t kAccumulatorBits = 32;  // partial sums are kept in fp32

std::uint64_t bits_of(std::uint64_t elements, workloads::Precision p) {
  return static_cast<std::uint64_t>(std::ceil(static_cast<double>(elements) * workloads::bits_per_element(p)));
}

std::uint64_t share(std::uint64_t total, std::uint64_t part, std::uint64_t parts) {
  return total / parts + (part < total % parts ? 1 : 0);
}

// Splits `amount`, which is proportional to `total`, for a part of size `part`; the remainder goes
// to part 0, so that the shares of all parts sum to `amount` exactly.
std::uint64_t proportional(std::uint64_t amount, std::uint64_t total, std::uint64_t part, bool first) {
  if (total == 0) return 0;
  const std::uint64_t per_unit = amount / total;
  return per_unit * part + (first ? amount - per_unit * total : 0);
}

std::uint64_t round_down_to(std::uint64_t value, std::uint64_t multiple, std::uint64_t at_least) {
  return std::max(at_least, value / multiple * multiple);
}

struct Budget {
  std::uint64_t activation_bits;  // half the SRAM
  std::uint64_t buffer_bits;      // one operand buffer
};

Budget budget_of(const CoreParams& core) {
  const auto sram_bits = static_cast<std::uint64_t>(core.sram.capacity_bytes * 8);
  const std::uint64_t buffers = std::max<std::uint64_t>(core.dma.buffers, 1);
  return {sram_bits / 2, sram_bits / (2 * buffers)};
}

// SRAM reads of the A and B operands of one GEMM, by dataflow: the stationary operand is read once,
// the streamed one once per fold of the other spatial dimension.
void charge_gemm_operands(Tile& t, const GemmShape& g, std::uint64_t instances, std::uint64_t a_bits_per_elem,
                          std::uint64_t b_bits, const MatrixUnitParams& mu, bool b_is_operand) {
  const std::uint64_t a_bits = instances * g.m * g.k * a_bits_per_elem;
  const std::uint64_t b_reads = mu.dataflow == Dataflow::weight_stationary ? 1 : ceil_div(g.m, mu.rows);
  t.sram_read_activation_bits += a_bits * ceil_div(g.n, mu.cols);
  if (b_is_operand)
    t.sram_read_operand_bits += b_bits * b_reads;
  else
    t.sram_read_activation_bits += b_bits * b_reads;
}

// Partial sums of an output block whose reduction is split into chunks: every chunk after the first
// reads the fp32 accumulators back, every chunk but the last writes them; the last writes the output.
void charge_outputs(Tile& t, std::uint64_t out_elements, std::uint64_t out_bits_per_elem, bool first_chunk,
                    bool last_chunk) {
  if (!first_chunk) t.sram_read_activation_bits += out_elements * kAccumulatorBits;
  t.sram_write_activation_bits += out_elements * (last_chunk ? out_bits_per_elem : kAccumulatorBits);
}

// The weight side of a gemm tile: stored (possibly sparse) weights, their scales and metadata,
// the MACs the array runs and the dequantisation work of the vector unit.
void charge_weights(Tile& t, const Op& op, const MatrixUnitParams& mu, std::uint64_t m, std::uint64_t kk,
                    std::uint64_t nn) {
  const WeightTileCost c = weight_tile_cost(op, mu, m, kk, nn);
  t.gemm[0] = {m, c.kept_k, nn};
  t.gemm_count = 1;
  t.macs = c.macs;
  t.vector_ops = c.dequant_ops;
  t.load_operand_bits = c.weight_bits;
  t.load_scale_bits = t.sram_read_scale_bits = c.scale_bits;
  t.load_metadata_bits = t.sram_read_metadata_bits = c.metadata_bits;
}

// Tile edges of a gemm whose activations stay in SRAM: k_t x n_t weight tiles.
struct ResidentGrid {
  std::uint64_t k_t, n_t;
  std::uint64_t count(const Op& op) const { return steps(op.n, n_t) * steps(op.k, k_t); }
};

ResidentGrid resident_grid(const Op& op, const MatrixUnitParams& mu, const Budget& b) {
  const double wb = bits_per_dense_weight(op, mu);
  ResidentGrid g{op.k, op.n};
  const auto col_block_bits = static_cast<std::uint64_t>(std::ceil(op.k * mu.cols * wb));
  if (col_block_bits <= b.buffer_bits) {
    g.n_t = std::min(op.n, round_down_to(static_cast<std::uint64_t>(b.buffer_bits / (op.k * wb)), mu.cols, mu.cols));
  } else {
    g.n_t = std::min(op.n, mu.cols);
    g.k_t = std::min(op.k, round_down_to(static_cast<std::uint64_t>(b.buffer_bits / (mu.cols * wb)), mu.rows, mu.rows));
  }
  return g;
}

std::vector<Tile> tile_gemm_resident(const Op& op, const CoreParams& core, const Budget& b) {
  const MatrixUnitParams& mu = core.matrix;
  const auto ab = static_cast<std::uint64_t>(workloads::bits_per_element(op.activation_precision));
  const ResidentGrid g = resident_grid(op, mu, b);
  const std::uint64_t k_t = g.k_t, n_t = g.n_t;
  std::vector<Tile> tiles;
  tiles.reserve(g.count(op));
  for (std::uint64_t n0 = 0; n0 < op.n; n0 += n_t) {
    const std::uint64_t nn = std::min(n_t, op.n - n0);
    for (std::uint64_t k0 = 0; k0 < op.k; k0 += k_t) {
      const std::uint64_t kk = std::min(k_t, op.k - k0);
      Tile t;
      charge_weights(t, op, mu, op.m, kk, nn);
      charge_gemm_operands(t, t.gemm[0], 1, ab, t.load_operand_bits, mu, true);
      charge_outputs(t, op.m * nn, ab, k0 == 0, k0 + kk == op.k);
      tiles.push_back(t);
    }
  }
  return tiles;
}

// Output-stationary blocking of a gemm whose activations spill to HBM: b_m x b_n output blocks,
// reduction chunks of k_t.
struct SpilledGrid {
  std::uint64_t b_m, b_n, k_t;
  std::uint64_t count(const Op& op) const { return steps(op.m, b_m) * steps(op.n, b_n) * steps(op.k, k_t); }
};

SpilledGrid spilled_grid(const Op& op, const MatrixUnitParams& mu, const Budget& b) {
  const double wb = bits_per_dense_weight(op, mu);
  const auto ab = static_cast<std::uint64_t>(workloads::bits_per_element(op.activation_precision));
  // Output block edge: b x b fp32 accumulators in a quarter of the SRAM.
  const auto edge = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(b.activation_bits / 2) / kAccumulatorBits));
  const std::uint64_t block = round_down_to(edge, mu.cols, mu.cols);
  const std::uint64_t b_m = std::min(op.m, block), b_n = std::min(op.n, block);
  const double chunk_bits_per_k = b_m * ab + b_n * wb;
  const std::uint64_t k_t =
      std::min(op.k, round_down_to(static_cast<std::uint64_t>(b.buffer_bits / chunk_bits_per_k), mu.rows, mu.rows));
  return {b_m, b_n, k_t};
}

std::vector<Tile> tile_gemm_spilled(const Op& op, const CoreParams& core, const Budget& b) {
  const MatrixUnitParams& mu = core.matrix;
  const auto ab = static_cast<std::uint64_t>(workloads::bits_per_element(op.activation_precision));
  const SpilledGrid g = spilled_grid(op, mu, b);
  const std::uint64_t b_m = g.b_m, b_n = g.b_n, k_t = g.k_t;
  std::vector<Tile> tiles;
  tiles.reserve(g.count(op));
  for (std::uint64_t m0 = 0; m0 < op.m; m0 += b_m) {
    const std::uint64_t mm = std::min(b_m, op.m - m0);
    for (std::uint64_t n0 = 0; n0 < op.n; n0 += b_n) {
      const std::uint64_t nn = std::min(b_n, op.n - n0);
      for (std::uint64_t k0 = 0; k0 < op.k; k0 += k_t) {
        const std::uint64_t kk = std::min(k_t, op.k - k0);
        const bool last = k0 + kk == op.k;
        Tile t;
        charge_weights(t, op, mu, mm, kk, nn);
        t.load_activation_bits = mm * kk * ab;
        charge_gemm_operands(t, t.gemm[0], 1, ab, t.load_operand_bits, mu, true);
        charge_outputs(t, mm * nn, ab, k0 == 0, last);
        if (last) t.store_activation_bits = mm * nn * ab;
        tiles.push_back(t);
      }
    }
  }
  return tiles;
}

// Attention tiles: `pack` instances at a time, Q rows in blocks of m_t, KV chunks of n_t positions.
struct AttentionGrid {
  std::uint64_t n_t, m_t, pack;
  std::uint64_t count(const Op& op) const { return steps(op.instances, pack) * steps(op.m, m_t) * steps(op.n, n_t); }
};

AttentionGrid attention_grid(const Op& op, const Budget& b) {
  const double kvb = workloads::bits_per_element(op.operand_precision);
  const auto ab = static_cast<std::uint64_t>(workloads::bits_per_element(op.activation_precision));
  const std::uint64_t hd = op.k;
  // Causal ops are blocked by whole tokens (the group's rows of a token stay together).
  const bool causal = op.query_tokens > 0;
  const std::uint64_t group = op.group();
  const std::uint64_t n_t = std::clamp<std::uint64_t>(static_cast<std::uint64_t>(b.buffer_bits / (2 * hd * kvb)), 1, op.n);
  // Q rows, their fp32 output accumulator and the scores of one chunk (S and P) share the activation half.
  const std::uint64_t row_bits = hd * (ab + kAccumulatorBits) + 2 * n_t * ab;
  std::uint64_t m_t = std::clamp<std::uint64_t>(b.activation_bits / row_bits, 1, op.m);
  if (causal) m_t = std::max(group, m_t / group * group);
  std::uint64_t pack = 1;
  if (n_t == op.n && m_t == op.m)
    pack = std::clamp<std::uint64_t>(std::min(b.buffer_bits / std::max<std::uint64_t>(bits_of(2 * op.n * hd, op.operand_precision), 1),
                                              b.activation_bits / (op.m * row_bits)),
                                     1, op.instances);
  return {n_t, m_t, pack};
}

std::vector<Tile> tile_attention(const Op& op, const CoreParams& core, const Budget& b, bool resident) {
  const MatrixUnitParams& mu = core.matrix;
  const auto ab = static_cast<std::uint64_t>(workloads::bits_per_element(op.activation_precision));
  const std::uint64_t hd = op.k;
  const std::uint64_t scores = op.scores();
  const std::uint64_t ops_per_score = scores ? op.vector_ops / scores : 0;
  const std::uint64_t extra_ops = op.vector_ops - ops_per_score * scores;  // none for exact lowerings
  auto kv_bits = [&](std::uint64_t positions) { return bits_of(2 * positions * hd, op.operand_precision); };
  const bool causal = op.query_tokens > 0;
  const std::uint64_t group = op.group();
  const AttentionGrid g = attention_grid(op, b);
  const std::uint64_t n_t = g.n_t, m_t = g.m_t, pack = g.pack;

  std::vector<Tile> tiles;
  tiles.reserve(g.count(op));  // the full grid: masked blocks are skipped, so at most this many
  for (std::uint64_t i0 = 0; i0 < op.instances; i0 += pack) {
    const std::uint64_t ii = std::min(pack, op.instances - i0);
    for (std::uint64_t m0 = 0; m0 < op.m; m0 += m_t) {
      const std::uint64_t mm = std::min(m_t, op.m - m0);
      // The KV positions this row block attends: all n, or under the mask a contiguous range.
      const std::uint64_t t0 = m0 / group, t1 = (m0 + mm) / group;
      const workloads::ColumnRange needed =
          causal ? workloads::causal_columns(op.mask, t0, t1, 0, op.n) : workloads::ColumnRange{0, op.n};
      if (needed.empty()) continue;
      const std::uint64_t first_chunk = needed.first / n_t * n_t;
      for (std::uint64_t n0 = first_chunk; n0 < needed.end; n0 += n_t) {
        // Only the attended columns of the chunk are loaded and computed (tile granularity: the
        // block's masked corner inside them runs on the array, its products gated, not counted).
        const std::uint64_t c0 = std::max(n0, needed.first), c1 = std::min(n0 + n_t, needed.end);
        const std::uint64_t nn = c1 - c0;
        const bool first = n0 == first_chunk, last = c1 == needed.end;
        const std::uint64_t kept = causal ? group * workloads::causal_pairs(op.mask, t0, t1, c0, c1) : mm * nn;
        Tile t;
        t.instances = ii;
        t.gemm[0] = {mm, hd, nn};  // S = Q K^T
        t.gemm[1] = {mm, nn, hd};  // O = P V
        t.gemm_count = 2;
        t.macs = ii * 2 * hd * kept;
        t.vector_ops = ii * kept * ops_per_score;
        t.load_operand_bits = ii * kv_bits(nn);
        if (!resident && first) t.load_activation_bits = ii * mm * hd * ab;
        const std::uint64_t k_chunk = ii * bits_of(nn * hd, op.operand_precision);
        charge_gemm_operands(t, t.gemm[0], ii, ab, k_chunk, mu, true);
        charge_gemm_operands(t, t.gemm[1], ii, ab, t.load_operand_bits - k_chunk, mu, true);
        // Scores: written by the array, read and rewritten by the softmax (P is read as gemm[1]'s A).
        t.sram_write_activation_bits += 2 * ii * mm * nn * ab;
        t.sram_read_activation_bits += ii * mm * nn * ab;
        charge_outputs(t, ii * mm * hd, ab, first, last);
        if (!resident && last) t.store_activation_bits = ii * mm * hd * ab;
        tiles.push_back(t);
      }
    }
  }
  if (!tiles.empty()) {
    tiles.front().vector_ops += extra_ops;
    tiles.back().store_kv_bits = bits_of(op.kv_append_elements, op.operand_precision);
  }
  return tiles;
}

// Vector and embedding ops: rows in chunks that fit a buffer when they stream through HBM.
std::uint64_t rows_per_tile_of(const Op& op, const Budget& b, bool resident) {
  const bool embedding = op.kind == OpKind::embedding;
  const auto ab = static_cast<std::uint64_t>(workloads::bits_per_element(op.activation_precision));
  const double row_bits =
      op.k * (embedding ? workloads::bits_per_element(op.operand_precision) : static_cast<double>(ab));
  const bool streams = embedding || !resident;
  return streams ? std::clamp<std::uint64_t>(static_cast<std::uint64_t>(b.buffer_bits / row_bits), 1, op.m) : op.m;
}

std::vector<Tile> tile_rows(const Op& op, const Budget& b, bool resident) {
  const bool embedding = op.kind == OpKind::embedding;
  const auto ab = static_cast<std::uint64_t>(workloads::bits_per_element(op.activation_precision));
  const std::uint64_t rows_per_tile = rows_per_tile_of(op, b, resident);
  std::vector<Tile> tiles;
  tiles.reserve(steps(op.m, rows_per_tile));
  for (std::uint64_t r0 = 0; r0 < op.m; r0 += rows_per_tile) {
    const std::uint64_t rows = std::min(rows_per_tile, op.m - r0);
    Tile t;
    if (embedding) {
      t.load_operand_bits = bits_of(rows * op.k, op.operand_precision);
      if (!resident) t.store_activation_bits = rows * op.k * ab;
    } else {
      t.vector_ops = proportional(op.vector_ops, op.m, rows, r0 == 0);
      t.sram_read_activation_bits = rows * op.k * ab;
      t.sram_write_activation_bits = rows * op.k * ab;
      if (!resident) {
        t.load_activation_bits = rows * op.k * ab;
        t.store_activation_bits = rows * op.k * ab;
      }
    }
    tiles.push_back(t);
  }
  return tiles;
}

bool no_tiles(const Op& shard) {
  if (shard.macs() == 0 && shard.m == 0) return true;
  return (shard.kind == OpKind::gemm && shard.n == 0) || (shard.kind == OpKind::attention && (shard.instances == 0 || shard.n == 0));
}

}  // namespace

Op shard_op(const Op& op, std::uint64_t core, std::uint64_t cores) {
  Op s = op;
  switch (op.kind) {
    case OpKind::gemm:
      s.n = share(op.n, core, cores);
      break;
    case OpKind::attention:
      s.instances = share(op.instances, core, cores);
      s.vector_ops = proportional(op.vector_ops, op.instances, s.instances, core == 0);
      s.kv_append_elements = proportional(op.kv_append_elements, op.instances, s.instances, core == 0);
      break;
    case OpKind::vector:
    case OpKind::embedding:
      s.m = share(op.m, core, cores);
      s.vector_ops = proportional(op.vector_ops, op.m, s.m, core == 0);
      break;
  }
  return s;
}

bool activations_fit(const Op& op, const CoreParams& core) {
  const double ab = workloads::bits_per_element(op.activation_precision);
  return (op.input_elements() + op.output_elements()) * ab <= budget_of(core).activation_bits;
}

std::uint64_t count_tiles(const Op& shard, const CoreParams& core, bool activations_resident) {
  const Budget b = budget_of(core);
  if (no_tiles(shard)) return 0;
  switch (shard.kind) {
    case OpKind::gemm:
      return activations_resident ? resident_grid(shard, core.matrix, b).count(shard) : spilled_grid(shard, core.matrix, b).count(shard);
    case OpKind::attention:
      return attention_grid(shard, b).count(shard);
    case OpKind::vector:
    case OpKind::embedding:
      return steps(shard.m, rows_per_tile_of(shard, b, activations_resident));
  }
  return 0;
}

std::vector<Tile> tile_op(const Op& shard, const CoreParams& core, bool activations_resident) {
  const Budget b = budget_of(core);
  if (no_tiles(shard)) return {};
  switch (shard.kind) {
    case OpKind::gemm:
      return activations_resident ? tile_gemm_resident(shard, core, b) : tile_gemm_spilled(shard, core, b);
    case OpKind::attention:
      return tile_attention(shard, core, b, activations_resident);
    case OpKind::vector:
    case OpKind::embedding:
      return tile_rows(shard, b, activations_resident);
  }
  return {};
}

}  // namespace pjsim::models
