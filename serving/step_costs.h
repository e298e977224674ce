// Where step costs come from: every distinct step simulated (`exact`), or each step composed
// from the op classes of simulated grid steps (`bucketed`, the default; docs/serving.md).
//
// Bucketed: the ops of a step run one after another in the model, and each class depends on few
// figures: the weight matmuls, norms, residuals and embedding ("rest") on the new tokens n of
// the step; the LM head on its logit rows r; the decode attention on the decode sequences b and
// their mean context c; each group of equal prefill chunks (one attention op) on its count m,
// tokens t and prior p. Each class is interpolated (multilinearly) between grid steps simulated
// by the SystemC model, and taken from them by class (StepCost::ops): rest(n) and lm(r) from
// decode steps of n (r) sequences at context 1, the decode attention from decode steps (b, c), a
// chunk group's attention from prefill-only steps of m chunks {t, p}. n and r are bracketed on a
// grid of 8 points per octave (the matmuls' time is a staircase in their rows: tile passes),
// b, c and t on 0, 1, 2, 3, 4, 6, 8, 12, ... (neighbours at most 1.5x apart; attention is
// nearly linear in them), m and p on 0, 1, 2, 4, 8, ... Static energy is the grid steps' static
// power x the step's time.
// A long trace thus needs a few hundred simulated steps, shared by every step, not one per
// (decode batch x prefill) combination.
// Exact: the step itself, its decode context rounded to the mean (one context for all its
// decode sequences); identical steps are simulated once.
//
// Example: 5 decode sequences of mean context 3000 and one chunk of 512 tokens after 0: rest at
// n 517 from decode steps of 512 and 576 sequences (weights 0.92, 0.08), lm at r 6, the decode
// attention from (4, 6) x (2048, 3072), the chunk's attention from a step of one chunk {512, 0}.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "serving/step_shape.h"

namespace pjsim::serving {

/// Simulates steps (sim/serve runs the SystemC model in child processes), several at once.
class StepSimulator {
 public:
  virtual ~StepSimulator() = default;
  virtual std::vector<StepCost> simulate(const std::vector<StepShape>& shapes) = 0;
};

/// Grids: coarse 0, 1, 2, 4, 8, ...; fine 0, 1, 2, 3, 4, 6, 8, 12, ... (neighbours at most 1.5x
/// apart); finest 0..15, then 8 points per octave (16, 18, ..., 30, 32, 36, ...).
enum class Grid { coarse, fine, finest };
/// The grid neighbours of x >= 0: lo <= x <= hi (lo == hi when x is on the grid).
std::pair<std::uint64_t, std::uint64_t> grid_bracket(double x, Grid grid = Grid::fine);

std::unique_ptr<StepCosts> exact_costs(StepSimulator& sim);
std::unique_ptr<StepCosts> bucketed_costs(StepSimulator& sim);

}  // namespace pjsim::serving
