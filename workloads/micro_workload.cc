#include "workloads/micro_workload.h"

namespace pjsim::workloads {

std::vector<Op> micro_ops(const MicroSpec& s, Precision weights, Precision activations) {
  Op op;
  op.layer = -1;  // outside the layers: a micro "model" has none (workloads/mapping.h stages)
  switch (s.kind) {
    case MicroKind::none: return {};
    case MicroKind::gemm:
      op.name = "gemm";
      op.kind = OpKind::gemm;
      op.category = OpCategory::projection;
      op.m = s.m;
      op.k = s.k;
      op.n = s.n;
      op.operand_precision = weights;
      op.activation_precision = activations;
      return {op};
    case MicroKind::access:
      op.name = s.tier == AccessTier::sram ? "sram_access" : "hbm_access";
      op.kind = s.tier == AccessTier::sram ? OpKind::vector : OpKind::embedding;
      op.category = s.tier == AccessTier::sram ? OpCategory::residual : OpCategory::embedding;
      op.m = 1;           // one row
      op.k = s.bits / 8;  // of int8 elements
      op.vector_ops = 0;  // a read with no arithmetic
      op.operand_precision = Precision::int8;
      op.activation_precision = Precision::int8;
      return {op};
  }
  return {};
}

}  // namespace pjsim::workloads
