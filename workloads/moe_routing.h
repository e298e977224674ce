// Which experts the tokens of one MoE layer go to, drawn with a seeded generator.
//
// Each token picks top_k distinct experts. The pick is weighted sampling without replacement:
// draw an expert with probability proportional to its weight among those not yet picked.
//   uniform    every weight 1: each expert is picked by a token with probability k / E, so the
//              expected number of distinct experts touched by B tokens is E x (1 - (1 - k/E)^B)
//              (expected_distinct_experts); at B = 1 exactly k.
//   skewed     Zipf-like weights 1 / (e + 1)^skew (expert 0 the hottest; skew 0 = uniform).
//   histogram  the given weight per expert (e.g. measured token counts).
// Seeds: the draw for (step, layer) uses std::mt19937_64 seeded with
//   splitmix64(seed ^ splitmix64((step << 20) + layer)),
// and uniform reals are taken as (next() >> 11) x 2^-53, so a run is byte-identical on every
// platform (no std::*_distribution, whose algorithms are implementation-defined).
//
// Example: route_tokens({uniform, seed 1}, 8 experts, top 2, 1 token, step 0, layer 0) gives a
// vector of 8 counts with two 1s; distinct_experts(...) == 2.
#pragma once

#include <cstdint>
#include <vector>

namespace pjsim::workloads {

enum class RoutingMode { uniform, skewed, histogram };

struct RoutingSpec {
  RoutingMode mode = RoutingMode::uniform;
  std::uint64_t seed = 0;
  double skew = 1.0;              ///< skewed: Zipf exponent
  std::vector<double> histogram;  ///< histogram: one weight per expert (>= 0, at least top_k > 0)
};

const char* to_string(RoutingMode m);

/// Tokens routed to each expert (size `experts`); the counts sum to tokens x top_k.
std::vector<std::uint64_t> route_tokens(const RoutingSpec& spec, std::uint64_t experts, std::uint64_t top_k,
                                        std::uint64_t tokens, std::uint64_t step, std::uint64_t layer);

/// Experts with at least one token.
std::uint64_t distinct_experts(const std::vector<std::uint64_t>& tokens_per_expert);

/// E x (1 - (1 - k/E)^B): the expected distinct experts under uniform routing.
double expected_distinct_experts(std::uint64_t experts, std::uint64_t top_k, std::uint64_t tokens);

/// SplitMix64 finaliser (Steele, Lea, Flood, OOPSLA 2014), used to derive seeds.
std::uint64_t splitmix64(std::uint64_t x);

}  // namespace pjsim::workloads
