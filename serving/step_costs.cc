#include "serving/step_costs.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace pjsim::serving {
namespace {

std::uint64_t grid_value(std::uint64_t i, bool coarse) {
  if (coarse) return i == 0 ? 0 : std::uint64_t{1} << (i - 1);  // 0, 1, 2, 4, 8, ...
  if (i < 4) return i;  // 0, 1, 2, 3, 4, 6, 8, 12, 16, ...
  const std::uint64_t octave = (i - 4) / 2 + 2;  // 4 -> 2^2
  return (i % 2 == 0) ? (std::uint64_t{1} << octave) : 3 * (std::uint64_t{1} << (octave - 1));
}

std::string key_of(const StepShape& s) {
  std::string k = std::to_string(s.decode_seqs) + "/" + std::to_string(s.decode_context_sum);
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

class BucketedCosts : public StepCosts {
 public:
  explicit BucketedCosts(StepSimulator& sim) : cache_(sim) {}
  StepCost cost(const StepShape& shape) override {
    // The five figures: b, c, k, t, p.
    std::array<double, 5> x{};
    x[0] = double(shape.decode_seqs);
    x[1] = shape.decode_seqs ? double(shape.decode_context_sum) / double(shape.decode_seqs) : 0;
    x[2] = double(shape.chunks.size());
    if (!shape.chunks.empty()) {
      double tokens = 0, pairs = 0;
      for (const Chunk& c : shape.chunks) {
        tokens += double(c.tokens);
        pairs += double(c.tokens) * double(c.prior) + double(c.tokens) * double(c.tokens + 1) / 2;
      }
      const double k = x[2], t = tokens / k;
      x[3] = t;
      x[4] = std::max(0.0, (pairs / k - t * (t + 1) / 2) / t);
    }
    std::array<std::pair<std::uint64_t, std::uint64_t>, 5> br{};
    std::array<double, 5> w{};
    for (int d = 0; d < 5; ++d) {
      br[d] = grid_bracket(x[d], d == 2 || d == 4);
      w[d] = br[d].second == br[d].first ? 0.0 : (x[d] - double(br[d].first)) / double(br[d].second - br[d].first);
    }
    std::vector<StepShape> corners;
    std::vector<double> weights;
    for (int mask = 0; mask < 32; ++mask) {
      double weight = 1;
      std::array<std::uint64_t, 5> v{};
      bool skip = false;
      for (int d = 0; d < 5 && !skip; ++d) {
        const bool hi = (mask >> d) & 1;
        if (hi && br[d].first == br[d].second) skip = true;
        v[d] = hi ? br[d].second : br[d].first;
        weight *= br[d].first == br[d].second ? 1.0 : (hi ? w[d] : 1 - w[d]);
      }
      if (skip || weight == 0) continue;
      StepShape s;
      s.decode_seqs = v[0];
      s.decode_context_sum = v[0] * std::max<std::uint64_t>(v[1], 1);
      if (v[3] > 0)
        for (std::uint64_t i = 0; i < v[2]; ++i) s.chunks.push_back({v[3], v[4], true});
      corners.push_back(s);
      weights.push_back(weight);
    }
    cache_.fill(corners);
    StepCost out;
    for (std::size_t i = 0; i < corners.size(); ++i) out = blend(out, 1.0, cache_.at(corners[i]), weights[i]);
    return out;
  }
  std::uint64_t simulated() const override { return cache_.simulated(); }

 private:
  CostCache cache_;
};

}  // namespace

std::pair<std::uint64_t, std::uint64_t> grid_bracket(double x, bool coarse) {
  if (x <= 0) return {0, 0};
  std::uint64_t i = 0;
  while (double(grid_value(i + 1, coarse)) <= x) ++i;
  const std::uint64_t lo = grid_value(i, coarse);
  return double(lo) == x ? std::make_pair(lo, lo) : std::make_pair(lo, grid_value(i + 1, coarse));
}

std::unique_ptr<StepCosts> exact_costs(StepSimulator& sim) { return std::make_unique<ExactCosts>(sim); }
std::unique_ptr<StepCosts> bucketed_costs(StepSimulator& sim) { return std::make_unique<BucketedCosts>(sim); }

}  // namespace pjsim::serving
