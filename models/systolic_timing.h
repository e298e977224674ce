// Closed-form timing of a GEMM on a systolic array (no memory stalls), per SCALE-Sim's model.
//
// A GEMM out[M x N] = A[M x K] * B[K x N] on an R x C array:
//
//   weight-stationary (ws): B is held in the array, K on rows and N on columns;
//     folds = ceil(K / R) x ceil(N / C); each fold streams the M rows of A through the array.
//   output-stationary (os): the outputs are held, M on rows and N on columns;
//     folds = ceil(M / R) x ceil(N / C); each fold streams the K-long reduction through.
//
// One fold takes fill + stream + drain cycles:
//     fill  = R (ws: shift the weight tile into the array); 0 (os: nothing is preloaded)
//     stream = M (ws) or K (os)
//     drain = R + C - 2    (the skew: the last operand crosses R rows and C columns)
// so, as in SCALE-Sim v2 with no stalls (systolic_compute_ws.py / _os.py demand matrices),
//     ws: cycles = folds_per_unit x (2R + C + M - 2)                               [no double buffer]
//     os: cycles = folds_per_unit x (R + C + K - 2)                                (always)
// With `weight_double_buffer` (ws only; TPU-style: the next fold's weights shift in while the current fold
// streams) consecutive folds overlap, and only the first fill and the last drain are exposed:
//     cycles = R + folds_per_unit x max(T, R) + (R + C - 2)                         [double buffer]
// `units` matrix units share the folds: folds_per_unit = ceil(instances x folds / units).
//
// Worked example: M = 1, K = N = 4096, 128 x 128, 4 units, double buffered:
//   folds = 32 x 32 = 1024, per unit 256, cycles = 128 + 256 x 128 + 254 = 33150.
// Rates (MatrixUnitParams::macs_per_cycle): at r = 2 MACs per PE per cycle (int8 on a v5e-like
// MXU) the N folds are over 2C columns: folds = 32 x 16 = 512, cycles = 128 + 128 x 128 + 254
// = 16766, about half. At 1/6 (fp32 as 6 bf16 passes) every fold runs 6 times.
#pragma once

#include <cstdint>

#include "models/arch_params.h"

namespace pjsim::models {

struct GemmShape {
  std::uint64_t m = 0, k = 0, n = 0;
};

inline std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

/// Folds of one GEMM instance on one array (see the header comment), at `rate` MACs per PE per
/// cycle: a whole rate r folds N over r x C columns, a rate 1/p repeats every fold p times.
std::uint64_t gemm_folds(const GemmShape& g, const MatrixUnitParams& mu, double rate = 1.0);
/// Cycles of `instances` independent GEMMs of shape g on the core's matrix units.
std::uint64_t gemm_cycles(const GemmShape& g, std::uint64_t instances, const MatrixUnitParams& mu,
                          double rate = 1.0);

}  // namespace pjsim::models
