// A step simulator with a closed form, for testing the replay without SystemC: a step costs
// 1 ms + 10 us per new token (ops "rest") + 1 ns per decode context position + 2 ns per chunk
// attention pair (ops "attention"); 200 W: a quarter dynamic (tier hbm), the rest static.
#pragma once

#include <optional>

#include "serving/request.h"
#include "serving/step_costs.h"

namespace pjsim::serving::testing {

inline double pairs_of(const StepShape& s) {
  double pairs = 0;
  for (const Chunk& c : s.chunks) pairs += double(c.tokens) * double(c.prior) + double(c.tokens) * double(c.tokens + 1) / 2;
  return pairs;
}

inline StepCost fake_cost(const StepShape& s) {
  StepCost c;
  const double rest = 1e-3 + 1e-5 * double(s.new_tokens());
  const double attention = 1e-9 * double(s.decode_context_sum) + 2e-9 * pairs_of(s);
  c.seconds = rest + attention;
  c.energy_pj = 2e14 * c.seconds;
  c.parts["tier.hbm"] = 0.25 * c.energy_pj;
  c.parts["tier.static"] = 0.75 * c.energy_pj;
  c.static_watts = 150;  // 0.75 x 2e14 pJ/s
  for (auto [name, seconds] : {std::pair<const char*, double>{"rest", rest}, {"attention", attention}}) {
    CostPart& p = c.ops[name];
    p.seconds = seconds;
    p.energy_pj = 0.25 * 2e14 * seconds;
    p.parts["tier.hbm"] = p.energy_pj;
  }
  return c;
}

class FakeSimulator : public StepSimulator {
 public:
  std::vector<StepCost> simulate(const std::vector<StepShape>& shapes) override {
    std::vector<StepCost> out;
    for (const StepShape& s : shapes) out.push_back(fake_cost(s));
    calls += shapes.size();
    return out;
  }
  std::size_t calls = 0;
};

/// Requests from a vector.
class ListSource : public RequestSource {
 public:
  explicit ListSource(std::vector<Request> r) : r_(std::move(r)) {}
  std::optional<Request> next() override {
    if (i_ >= r_.size()) return std::nullopt;
    return r_[i_++];
  }

 private:
  std::vector<Request> r_;
  std::size_t i_ = 0;
};

}  // namespace pjsim::serving::testing
