#include "serving/step_costs.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace pjsim::serving {
namespace {

std::uint64_t grid_value(std::uint64_t i, Grid grid) {
  if (grid == Grid::coarse) return i == 0 ? 0 : std::uint64_t{1} << (i - 1);  // 0, 1, 2, 4, 8, ...
  if (grid == Grid::finest) {  // 0..15, then 8 per octave: 16, 18, ..., 30, 32, 36, ...
    if (i < 16) return i;
    const std::uint64_t octave = (i - 16) / 8 + 4, step = (i - 16) % 8;
    return (std::uint64_t{1} << octave) + step * (std::uint64_t{1} << (octave - 3));
  }
  if (i < 4) return i;  // 0, 1, 2, 3, 4, 6, 8, 12, 16, ...
  const std::uint64_t octave = (i - 4) / 2 + 2;  // 4 -> 2^2
  return (i % 2 == 0) ? (std::uint64_t{1} << octave) : 3 * (std::uint64_t{1} << (octave - 1));
}

std::string key_of(const StepShape& s) {
  std::string k = (s.attention_only ? "A" : "") + std::to_string(s.decode_seqs) + "/" + std::to_string(s.decode_context_sum);
  for (const Chunk& c : s.chunks) k += "|" + std::to_string(c.tokens) + "@" + std::to_string(c.prior) + (c.logits ? "L" : "");
  return k;
}

/// Simulates what is not cached yet, in one call.
class CostCache {
 public:
  explicit CostCache(StepSimulator& sim) : sim_(sim) {}
  void fill(const std::vector<StepShape>& shapes) {
    std::vector<StepShape> missing;
    std::vector<std::string> keys;
    for (const StepShape& s : shapes) {
      if (s.empty()) continue;
      std::string k = key_of(s);
      if (cache_.count(k) || std::find(keys.begin(), keys.end(), k) != keys.end()) continue;
      keys.push_back(k);
      missing.push_back(s);
    }
    if (missing.empty()) return;
    std::vector<StepCost> costs = sim_.simulate(missing);
    for (std::size_t i = 0; i < missing.size(); ++i) cache_[keys[i]] = costs.at(i);
    simulated_ += missing.size();
  }
  const StepCost& at(const StepShape& s) const {
    static const StepCost none;
    return s.empty() ? none : cache_.at(key_of(s));
  }
  std::uint64_t simulated() const { return simulated_; }

 private:
  StepSimulator& sim_;
  std::map<std::string, StepCost> cache_;
  std::uint64_t simulated_ = 0;
};

class ExactCosts : public StepCosts {
 public:
  explicit ExactCosts(StepSimulator& sim) : cache_(sim) {}
  StepCost cost(const StepShape& shape) override {
    StepShape s = shape;
    if (s.decode_seqs) {
      const std::uint64_t mean = (s.decode_context_sum + s.decode_seqs / 2) / s.decode_seqs;
      s.decode_context_sum = mean * s.decode_seqs;
    }
    std::sort(s.chunks.begin(), s.chunks.end());
    cache_.fill({s});
    return cache_.at(s);
  }
  std::uint64_t simulated() const override { return cache_.simulated(); }

 private:
  CostCache cache_;
};

// One simulated grid step, the class of its ops to take, and its interpolation weight.
struct Term {
  StepShape corner;
  const char* ops;
  double weight;
};

// Weights of the grid neighbours of x: {(lo, 1)} on the grid, else {(lo, 1 - w), (hi, w)}.
std::vector<std::pair<std::uint64_t, double>> neighbours(double x, Grid grid) {
  const auto [lo, hi] = grid_bracket(x, grid);
  if (lo == hi) return {{lo, 1.0}};
  const double w = (x - double(lo)) / double(hi - lo);
  return {{lo, 1 - w}, {hi, w}};
}

StepShape decode_step(std::uint64_t b, std::uint64_t c) {
  StepShape s;
  s.decode_seqs = b;
  s.decode_context_sum = b * std::max<std::uint64_t>(c, 1);
  return s;
}

class BucketedCosts : public StepCosts {
 public:
  explicit BucketedCosts(StepSimulator& sim) : cache_(sim) {}
  StepCost cost(const StepShape& shape) override {
    if (shape.empty()) return {};
    std::vector<Term> terms;
    // The weight matmuls and the other row-wise ops over every new token of the step.
    for (const auto& [n, w] : neighbours(double(shape.new_tokens()), Grid::finest)) terms.push_back({decode_step(n, 1), "rest", w});
    std::uint64_t rows = shape.decode_seqs;
    for (const Chunk& c : shape.chunks) rows += c.logits;
    if (rows > 0)
      for (const auto& [r, w] : neighbours(double(rows), Grid::finest)) terms.push_back({decode_step(r, 1), "lm_head", w});
    // The decode sequences' attention at their mean context.
    if (shape.decode_seqs > 0) {
      const double mean = double(shape.decode_context_sum) / double(shape.decode_seqs);
      for (const auto& [b, wb] : neighbours(double(shape.decode_seqs), Grid::fine))
        for (const auto& [c, wc] : neighbours(mean, Grid::fine)) {
          StepShape s = decode_step(b, c);
          s.attention_only = true;
          terms.push_back({s, "attention", wb * wc});
        }
    }
    // Each group of equal chunks (one attention op in the model), at its count, tokens and prior.
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::uint64_t> groups;
    for (const Chunk& c : shape.chunks) ++groups[{c.tokens, c.prior}];
    for (const auto& [tp, m] : groups)
      for (const auto& [mc, wm] : neighbours(double(m), Grid::coarse))
        for (const auto& [t, wt] : neighbours(double(tp.first), Grid::fine))
          for (const auto& [p, wp] : neighbours(double(tp.second), Grid::coarse)) {
            StepShape s;
            s.attention_only = true;
            for (std::uint64_t i = 0; i < mc; ++i) s.chunks.push_back({t, p, true});
            terms.push_back({s, "attention", wm * wt * wp});
          }
    std::vector<StepShape> corners;
    for (const Term& t : terms) corners.push_back(t.corner);
    cache_.fill(corners);
    StepCost out;
    CostPart sum;
    double watts = 0, watt_weight = 0;
    for (const Term& t : terms) {
      const StepCost& c = cache_.at(t.corner);
      auto it = c.ops.find(t.ops);
      if (it != c.ops.end()) sum = blend(sum, 1.0, it->second, t.weight);
      watts += c.static_watts * t.weight;
      watt_weight += t.weight;
    }
    out.seconds = sum.seconds;
    out.static_watts = watt_weight > 0 ? watts / watt_weight : 0;
    const double static_pj = out.static_watts * out.seconds * 1e12;
    out.energy_pj = sum.energy_pj + static_pj;
    out.parts = sum.parts;
    out.parts["tier.static"] += static_pj;
    out.parts["data.static"] += static_pj;
    return out;
  }
  std::uint64_t simulated() const override { return cache_.simulated(); }

 private:
  CostCache cache_;
};

}  // namespace

std::pair<std::uint64_t, std::uint64_t> grid_bracket(double x, Grid grid) {
  if (x <= 0) return {0, 0};
  std::uint64_t i = 0;
  while (double(grid_value(i + 1, grid)) <= x) ++i;
  const std::uint64_t lo = grid_value(i, grid);
  return double(lo) == x ? std::make_pair(lo, lo) : std::make_pair(lo, grid_value(i + 1, grid));
}

std::unique_ptr<StepCosts> exact_costs(StepSimulator& sim) { return std::make_unique<ExactCosts>(sim); }
std::unique_ptr<StepCosts> bucketed_costs(StepSimulator& sim) { return std::make_unique<BucketedCosts>(sim); }

}  // namespace pjsim::serving
