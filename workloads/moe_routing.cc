#include "workloads/moe_routing.h"

#include <cmath>
#include <random>

namespace pjsim::workloads {

namespace {

std::vector<double> weights_of(const RoutingSpec& spec, std::uint64_t experts) {
  std::vector<double> w(experts, 1.0);
  if (spec.mode == RoutingMode::skewed)
    for (std::uint64_t e = 0; e < experts; ++e) w[e] = 1.0 / std::pow(static_cast<double>(e + 1), spec.skew);
  if (spec.mode == RoutingMode::histogram)
    for (std::uint64_t e = 0; e < experts; ++e) w[e] = e < spec.histogram.size() ? spec.histogram[e] : 0.0;
  return w;
}

double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

}  // namespace

const char* to_string(RoutingMode m) {
  switch (m) {
    case RoutingMode::uniform: return "uniform";
    case RoutingMode::skewed: return "skewed";
    case RoutingMode::histogram: return "histogram";
  }
  return "?";
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

std::vector<std::uint64_t> route_tokens(const RoutingSpec& spec, std::uint64_t experts, std::uint64_t top_k,
                                        std::uint64_t tokens, std::uint64_t step, std::uint64_t layer) {
  std::vector<std::uint64_t> counts(experts, 0);
  if (experts == 0 || top_k == 0) return counts;
  std::mt19937_64 rng(splitmix64(spec.seed ^ splitmix64((step << 20) + layer)));
  const std::vector<double> base = weights_of(spec, experts);
  std::vector<double> w;
  for (std::uint64_t t = 0; t < tokens; ++t) {
    w = base;
    for (std::uint64_t pick = 0; pick < top_k && pick < experts; ++pick) {
      double total = 0;
      for (double x : w) total += x;
      if (total <= 0) break;  // fewer experts with weight than top_k: the config rejects this
      double u = uniform01(rng) * total;
      std::uint64_t chosen = experts;
      for (std::uint64_t e = 0; e < experts; ++e) {
        if (w[e] <= 0) continue;
        chosen = e;  // the last expert with weight takes any rounding remainder
        if (u < w[e]) break;
        u -= w[e];
      }
      ++counts[chosen];
      w[chosen] = 0;
    }
  }
  return counts;
}

std::uint64_t distinct_experts(const std::vector<std::uint64_t>& tokens_per_expert) {
  std::uint64_t n = 0;
  for (std::uint64_t c : tokens_per_expert) n += c > 0 ? 1 : 0;
  return n;
}

double expected_distinct_experts(std::uint64_t experts, std::uint64_t top_k, std::uint64_t tokens) {
  const double e = static_cast<double>(experts);
  return e * (1.0 - std::pow(1.0 - static_cast<double>(top_k) / e, static_cast<double>(tokens)));
}

}  // namespace pjsim::workloads
