// Where step costs come from: every distinct step simulated (`exact`), or steps reduced to a
// few figures and interpolated between simulated grid points (`bucketed`, the default).
//
// Bucketed: a step is described by b decode sequences of mean context c, and k prefill chunks of
// mean t tokens and an effective prior p (chosen so that the k chunks attend exactly the pairs
// the real ones do: k (t p + t (t + 1) / 2) = sum of t_i p_i + t_i (t_i + 1) / 2). b, c and t
// are bracketed on the grid 0, 1, 2, 3, 4, 6, 8, 12, 16, 24, ... (neighbours at most 1.5x apart),
// k and p on 0, 1, 2, 4, 8, ... (2x) and the step's time and energy (every part) are interpolated multilinearly
// between the simulated corners, so costs that are linear in a figure between two grid points
// (attention in c and p; GEMM rows past the weight-bound knee) come out exact. A corner step
// has k identical chunks, each ending its prompt (LM head on its last position).
// Exact: the step itself, its decode context rounded to the mean (one context for all its
// decode sequences); identical steps are simulated once.
//
// Example: 5 decode sequences of mean context 3000 are bracketed by b in {4, 6} and c in
// {2048, 3072}: 4 corners, weights (0.5, 0.5) x (0.0625, 0.9375).
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

/// The grid neighbours of x >= 0: lo <= x <= hi (lo == hi when x is on the grid). The fine grid
/// is 0, 1, 2, 3, 4, 6, 8, 12, ... (b, c, t); the coarse one 0, 1, 2, 4, 8, ... (k, p).
std::pair<std::uint64_t, std::uint64_t> grid_bracket(double x, bool coarse = false);

std::unique_ptr<StepCosts> exact_costs(StepSimulator& sim);
std::unique_ptr<StepCosts> bucketed_costs(StepSimulator& sim);

}  // namespace pjsim::serving
