// A generated request stream, seeded and the same on every platform (random.h).
//
// Arrivals: a renewal process starting at 0, gaps drawn independently with mean 1 / rate:
//   poisson   gap = Exp(1) / rate                         (CV of the gaps = 1)
//   gamma     gap = Gamma(k) / (k rate), k = 1 / cv^2     (CV = cv; cv > 1 is bursty, cv < 1
//             smoother than Poisson; cv = 1 draws exactly the Poisson gaps)
// request i arrives at the sum of the first i + 1 gaps. The stream ends after `count` requests
// or at the first arrival at or after `duration_seconds`, whichever comes first.
// Lengths: prompt and output drawn per request from their LengthSpecs (length_spec.h).
// Shared prefixes (groups > 0): request i joins a group g drawn uniformly from [0, groups); its
// prompt is the group's prefix of prefix_blocks x block_tokens tokens followed by its own
// suffix of the drawn prompt length, and its prefix_blocks are the group's block ids
// g * prefix_blocks + j (j < prefix_blocks): only the shared leading blocks are listed, which is
// all a prefix cache can reuse (the suffix is the request's own).
// Draws per request, in order: gap, group (with groups), trace row (lengths from a trace),
// prompt, output; all from one std::mt19937_64 seeded with `seed`.
//
// Example: {poisson, rate 10, count 1000, prompt lognormal mean 1155 sigma 1, output fixed 211,
// groups 4, prefix_blocks 8, block_tokens 512, seed 1} is 1000 requests over about 100 s, each
// starting with one of 4 shared 4096-token system prompts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "serving/length_spec.h"
#include "serving/random.h"
#include "serving/request.h"

namespace pjsim::serving {

enum class ArrivalKind { poisson, gamma };

struct ArrivalSpec {
  ArrivalKind kind = ArrivalKind::poisson;
  double rate = 1;  ///< requests per second (> 0)
  double cv = 1;    ///< gamma: coefficient of variation of the gaps, (0, 100]
};

struct PrefixGroupSpec {
  std::uint64_t groups = 0;          ///< 0 = no shared prefixes (and no prefix blocks)
  std::uint64_t prefix_blocks = 0;   ///< blocks of each group's shared prefix
  std::uint64_t block_tokens = 512;  ///< tokens per block (Mooncake's 512 by default)
};

struct GeneratorSpec {
  ArrivalSpec arrivals;
  std::optional<std::uint64_t> count;     ///< requests to generate
  std::optional<double> duration_seconds; ///< or: arrivals before this time (at least one of the two)
  LengthSpec prompt, output;
  PrefixGroupSpec prefix;
  std::uint64_t seed = 0;
};

/// "poisson", "gamma"; and back.
std::string arrival_kind_name(ArrivalKind kind);
std::optional<ArrivalKind> parse_arrival_kind(const std::string& name);

/// What is wrong with `spec`, as "field: message" with dotted fields (arrivals.rate, arrivals.cv,
/// count, duration_seconds, prompt.mean, output.value, prefix.groups, ...), or an empty string.
std::string generator_problem(const GeneratorSpec& spec);

class GeneratedSource : public RequestSource {
 public:
  /// Loads the trace lengths it draws from (if any). Throws TraceError on a bad spec (file
  /// "generator") or a bad length trace.
  explicit GeneratedSource(const GeneratorSpec& spec);
  std::optional<Request> next() override;

 private:
  GeneratorSpec spec_;
  Rng rng_;
  LengthSampler prompt_, output_;
  bool joint_row_ = false;  ///< prompt and output from the same trace rows
  double shape_ = 1;        ///< gamma shape k = 1 / cv^2
  double clock_ = 0;
  std::uint64_t made_ = 0;
  double gap();
};

}  // namespace pjsim::serving
