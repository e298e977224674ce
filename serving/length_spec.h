// How a generator draws prompt or output lengths (in tokens), each clamped to [1, max]:
//
//   kind       parameters            draw
//   fixed      value                 value
//   uniform    lo, hi                a whole number in [lo, hi], each equally likely
//   lognormal  mean, sigma           round(exp(mu + sigma Z)), Z standard normal,
//                                    mu = ln(mean) - sigma^2 / 2, so the mean before rounding
//                                    and clamping is `mean` (the median is exp(mu))
//   trace      path, format          a uniformly drawn row of a trace file (trace_lengths.h): its
//                                    prompt for prompt lengths, its output for output lengths;
//                                    prompt and output drawn from the same file use the same row,
//                                    keeping their correlation
//
// Example: {kind lognormal, mean 1155, sigma 1.0, max 14050} draws prompts like the Azure
// conversation trace's mean (1,155 tokens) capped at its longest prompt.
// max = 0 means no cap other than 2^32 tokens (fields.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "serving/random.h"
#include "serving/trace_format.h"
#include "serving/trace_lengths.h"

namespace pjsim::serving {

enum class LengthKind { fixed, uniform, lognormal, trace };

struct LengthSpec {
  LengthKind kind = LengthKind::fixed;
  std::uint64_t value = 1;      ///< fixed
  std::uint64_t lo = 1, hi = 1; ///< uniform, inclusive
  double mean = 1;              ///< lognormal: mean in tokens (> 0)
  double sigma = 0;             ///< lognormal: standard deviation of ln(length) (0 to 10)
  std::uint64_t max = 0;        ///< upper clamp; 0 = 2^32
  std::string trace_path;       ///< trace
  TraceFormat trace_format = TraceFormat::auto_detect;
};

/// "fixed", "uniform", "lognormal", "trace"; and back (nothing for another name).
std::string length_kind_name(LengthKind kind);
std::optional<LengthKind> parse_length_kind(const std::string& name);

/// What is wrong with `spec`, as "field: message" (value, lo, hi, mean, sigma, max, trace_path),
/// or an empty string.
std::string length_problem(const LengthSpec& spec);

/// Draws lengths of one spec. For kind trace, `lengths` holds the rows and `row` is the index
/// drawn for this request (shared between prompt and output from the same file).
class LengthSampler {
 public:
  explicit LengthSampler(const LengthSpec& spec, std::shared_ptr<const TraceLengths> lengths = nullptr,
                         bool prompt = true);
  /// One length; `row` is used by kind trace only.
  std::uint64_t draw(Rng& rng, std::size_t row) const;
  bool from_trace() const { return spec_.kind == LengthKind::trace; }
  const TraceLengths* lengths() const { return lengths_.get(); }

 private:
  LengthSpec spec_;
  std::shared_ptr<const TraceLengths> lengths_;
  bool prompt_;
  double mu_ = 0;
  std::uint64_t clamp(double x) const;
};

}  // namespace pjsim::serving
