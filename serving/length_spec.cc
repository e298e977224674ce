#include "serving/length_spec.h"

#include <cmath>
#include <utility>

#include "serving/fields.h"

namespace pjsim::serving {

namespace {

const char* const kind_names[] = {"fixed", "uniform", "lognormal", "trace"};

/// sigma above this makes exp(sigma Z) overflow the token range for ordinary Z: an estimate of
/// where a length distribution stops being meaningful (sigma 10 spans e^10 = 22,000x per sigma).
constexpr double max_sigma = 10;

}  // namespace

std::string length_kind_name(LengthKind kind) { return kind_names[static_cast<int>(kind)]; }

std::optional<LengthKind> parse_length_kind(const std::string& name) {
  for (int k = 0; k < 4; ++k)
    if (name == kind_names[k]) return static_cast<LengthKind>(k);
  return std::nullopt;
}

std::string length_problem(const LengthSpec& s) {
  const std::uint64_t cap = s.max == 0 ? max_request_tokens : s.max;
  if (s.max > max_request_tokens) return "max: more than 2^32 tokens";
  switch (s.kind) {
    case LengthKind::fixed:
      if (s.value < 1 || s.value > cap) return "value: must be in [1, max]";
      break;
    case LengthKind::uniform:
      if (s.lo < 1) return "lo: must be at least 1";
      if (s.hi < s.lo) return "hi: must be at least lo";
      if (s.hi > cap) return "hi: must be at most max";
      break;
    case LengthKind::lognormal:
      if (!std::isfinite(s.mean) || s.mean <= 0 || s.mean > static_cast<double>(max_request_tokens))
        return "mean: must be a number in (0, 2^32]";
      if (!std::isfinite(s.sigma) || s.sigma < 0 || s.sigma > max_sigma) return "sigma: must be in [0, 10]";
      break;
    case LengthKind::trace:
      if (s.trace_path.empty()) return "trace_path: a trace file is required for kind trace";
      break;
  }
  return "";
}

LengthSampler::LengthSampler(const LengthSpec& spec, std::shared_ptr<const TraceLengths> lengths, bool prompt)
    : spec_(spec), lengths_(std::move(lengths)), prompt_(prompt) {
  if (spec_.kind == LengthKind::lognormal) mu_ = std::log(spec_.mean) - spec_.sigma * spec_.sigma / 2;
}

std::uint64_t LengthSampler::clamp(double x) const {
  const double cap = static_cast<double>(spec_.max == 0 ? max_request_tokens : spec_.max);
  if (!(x >= 1)) return 1;  // also NaN
  if (x >= cap) return static_cast<std::uint64_t>(cap);
  return static_cast<std::uint64_t>(std::floor(x + 0.5));
}

std::uint64_t LengthSampler::draw(Rng& rng, std::size_t row) const {
  switch (spec_.kind) {
    case LengthKind::fixed: return spec_.value;
    case LengthKind::uniform: return rng.uniform_int(spec_.lo, spec_.hi);
    case LengthKind::lognormal: return clamp(std::exp(mu_ + spec_.sigma * rng.normal()));
    case LengthKind::trace: {
      const auto& r = lengths_->rows.at(row);
      return clamp(static_cast<double>(prompt_ ? r.first : r.second));
    }
  }
  return 1;
}

}  // namespace pjsim::serving
