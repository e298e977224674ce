#include "models/weight_format.h"

#include <cmath>

#include "workloads/vector_costs.h"

namespace pjsim::models {

namespace {

std::uint64_t ceil_div_u(std::uint64_t a, std::uint64_t b) { return b ? (a + b - 1) / b : 0; }

std::uint64_t bits_of(std::uint64_t elements, workloads::Precision p) {
  return static_cast<std::uint64_t>(std::ceil(static_cast<double>(elements) * workloads::bits_per_element(p)));
}

std::uint64_t kept_rows(const workloads::Op& op, const MatrixUnitParams& mu, std::uint64_t kk) {
  return sparsity_applies(op, mu) ? ceil_div_u(kk, op.sparsity_m) * op.sparsity_n : kk;
}

}  // namespace

std::uint64_t metadata_bits_per_kept(std::uint64_t m) {
  std::uint64_t bits = 0;
  while ((std::uint64_t{1} << bits) < m) ++bits;
  return bits;
}

bool sparsity_applies(const workloads::Op& op, const MatrixUnitParams& mu) {
  if (op.kind != workloads::OpKind::gemm || op.sparsity_m == 0) return false;
  for (const auto& [n, m] : mu.structured_sparsity)
    if (n == op.sparsity_n && m == op.sparsity_m) return true;
  return false;
}

double bits_per_dense_weight(const workloads::Op& op, const MatrixUnitParams& mu) {
  double kept = 1.0, metadata = 0.0;
  if (sparsity_applies(op, mu)) {
    kept = static_cast<double>(op.sparsity_n) / static_cast<double>(op.sparsity_m);
    metadata = static_cast<double>(metadata_bits_per_kept(op.sparsity_m));
  }
  const double scales =
      op.scale_group ? workloads::bits_per_element(op.scale_precision) / static_cast<double>(op.scale_group) : 0.0;
  return kept * (workloads::bits_per_element(op.operand_precision) + scales + metadata);
}

WeightTileCost weight_tile_cost(const workloads::Op& op, const MatrixUnitParams& mu, std::uint64_t m,
                                std::uint64_t kk, std::uint64_t nn) {
  WeightTileCost c;
  c.kept_k = kept_rows(op, mu, kk);
  c.weight_bits = bits_of(c.kept_k * nn, op.operand_precision);
  if (op.scale_group) c.scale_bits = bits_of(ceil_div_u(c.kept_k, op.scale_group) * nn, op.scale_precision);
  if (sparsity_applies(op, mu)) c.metadata_bits = c.kept_k * nn * metadata_bits_per_kept(op.sparsity_m);
  c.macs = m * c.kept_k * nn;
  if (mu.activation_sparsity && op.activation_density < 1.0)
    c.macs = static_cast<std::uint64_t>(std::llround(static_cast<double>(c.macs) * op.activation_density));
  if (op.dequantise)
    c.dequant_ops = c.kept_k * nn * workloads::kDequantOps;
  else if (op.scale_group)
    c.dequant_ops = m * nn * ceil_div_u(c.kept_k, op.scale_group) * workloads::kGroupRescaleOps;
  return c;
}

}  // namespace pjsim::models
