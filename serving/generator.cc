#include "serving/generator.h"

#include <cmath>
#include <memory>

#include "serving/fields.h"
#include "serving/trace_error.h"

namespace pjsim::serving {

namespace {

/// Most blocks a group's prefix may have (8 bytes each in every request): 1,000,000 blocks of
/// 16 tokens is a 16M-token prefix, past any model's context. An estimate of a sane bound.
constexpr std::uint64_t max_prefix_blocks = 1'000'000;
/// Largest gap CV accepted: k = 1e-4, where nearly every gap underflows to 0 and one gap holds
/// the whole interval; beyond it the stream is no longer a meaningful arrival process.
constexpr double max_cv = 100;
/// Most requests a generator makes, by count or expected from rate x duration: 100 million is
/// an hour at 27,800 requests/s, far past what a replay simulates in reasonable time (the Azure
/// conversation hour is 19,366 requests). An estimate of a sane bound, so a typo cannot hang a run.
constexpr double max_requests = 1e8;

std::string prefixed(const std::string& field, const std::string& problem) {
  return problem.empty() ? problem : field + "." + problem;
}

}  // namespace

std::string arrival_kind_name(ArrivalKind kind) { return kind == ArrivalKind::poisson ? "poisson" : "gamma"; }

std::optional<ArrivalKind> parse_arrival_kind(const std::string& name) {
  if (name == "poisson") return ArrivalKind::poisson;
  if (name == "gamma") return ArrivalKind::gamma;
  return std::nullopt;
}

std::string generator_problem(const GeneratorSpec& s) {
  if (!std::isfinite(s.arrivals.rate) || s.arrivals.rate <= 0) return "arrivals.rate: must be a finite number > 0 (requests/s)";
  if (s.arrivals.kind == ArrivalKind::gamma && (!std::isfinite(s.arrivals.cv) || s.arrivals.cv <= 0 || s.arrivals.cv > max_cv))
    return "arrivals.cv: must be in (0, 100]";
  if (!s.count && !s.duration_seconds) return "count: give a count of requests or a duration_seconds";
  if (s.count && *s.count == 0) return "count: must be at least 1";
  if (s.count && static_cast<double>(*s.count) > max_requests) return "count: at most 100,000,000 requests";
  if (s.duration_seconds && (!std::isfinite(*s.duration_seconds) || *s.duration_seconds <= 0))
    return "duration_seconds: must be a finite number > 0";
  if (!s.count && s.duration_seconds && *s.duration_seconds * s.arrivals.rate > max_requests)
    return "duration_seconds: rate x duration is more than 100,000,000 requests (set a count, or less)";
  if (auto p = prefixed("prompt", length_problem(s.prompt)); !p.empty()) return p;
  if (auto p = prefixed("output", length_problem(s.output)); !p.empty()) return p;
  if (s.prefix.groups > 0) {
    if (s.prefix.prefix_blocks == 0) return "prefix.prefix_blocks: must be at least 1 with groups";
    if (s.prefix.prefix_blocks > max_prefix_blocks) return "prefix.prefix_blocks: at most 1,000,000";
    if (s.prefix.block_tokens == 0) return "prefix.block_tokens: must be at least 1";
    if (s.prefix.block_tokens > max_request_tokens / s.prefix.prefix_blocks)
      return "prefix.block_tokens: the shared prefix (prefix_blocks x block_tokens) is more than 2^32 tokens";
    if (s.prefix.groups > UINT64_MAX / s.prefix.prefix_blocks) return "prefix.groups: too many groups";
  }
  return "";
}

GeneratedSource::GeneratedSource(const GeneratorSpec& spec)
    : spec_(spec), rng_(spec.seed), prompt_(spec.prompt), output_(spec.output, nullptr, false) {
  const std::string problem = generator_problem(spec_);
  if (!problem.empty()) throw TraceError("generator", 0, problem);
  // Lengths from traces: loaded once per file, sampled with a seed of their own so that loading
  // does not move the request stream's draws.
  const std::uint64_t load_seed = spec_.seed ^ 0x9e3779b97f4a7c15ULL;
  std::shared_ptr<const TraceLengths> prompt_rows, output_rows;
  if (spec_.prompt.kind == LengthKind::trace)
    prompt_rows = std::make_shared<TraceLengths>(
        load_trace_lengths(spec_.prompt.trace_path, spec_.prompt.trace_format, max_length_rows, load_seed));
  if (spec_.output.kind == LengthKind::trace) {
    joint_row_ = prompt_rows && spec_.output.trace_path == spec_.prompt.trace_path &&
                 spec_.output.trace_format == spec_.prompt.trace_format;
    output_rows = joint_row_ ? prompt_rows
                             : std::make_shared<TraceLengths>(load_trace_lengths(
                                   spec_.output.trace_path, spec_.output.trace_format, max_length_rows, load_seed));
  }
  prompt_ = LengthSampler(spec_.prompt, prompt_rows, true);
  output_ = LengthSampler(spec_.output, output_rows, false);
  if (spec_.arrivals.kind == ArrivalKind::gamma) shape_ = 1 / (spec_.arrivals.cv * spec_.arrivals.cv);
}

double GeneratedSource::gap() {
  if (spec_.arrivals.kind == ArrivalKind::poisson || spec_.arrivals.cv == 1) return rng_.exponential() / spec_.arrivals.rate;
  return rng_.gamma(shape_) / (shape_ * spec_.arrivals.rate);
}

std::optional<Request> GeneratedSource::next() {
  if (spec_.count && made_ >= *spec_.count) return std::nullopt;
  const double arrival = clock_ + gap();
  if (spec_.duration_seconds && arrival >= *spec_.duration_seconds) {
    if (made_ == 0) throw TraceError("generator", 0, "no request arrives within duration_seconds (raise the rate or the duration)");
    spec_.count = made_;  // the end: later calls return nothing at once
    return std::nullopt;
  }
  clock_ = arrival;
  Request r;
  r.id = made_++;
  r.arrival_seconds = arrival;
  const std::uint64_t group = spec_.prefix.groups > 0 ? rng_.uniform_int(0, spec_.prefix.groups - 1) : 0;
  auto row_of = [&](const LengthSampler& s) {
    return s.from_trace() ? static_cast<std::size_t>(rng_.uniform_int(0, s.lengths()->rows.size() - 1)) : 0;
  };
  const std::size_t prompt_row = row_of(prompt_);
  const std::size_t output_row = joint_row_ ? prompt_row : row_of(output_);
  r.prompt_tokens = prompt_.draw(rng_, prompt_row);
  r.output_tokens = output_.draw(rng_, output_row);
  if (spec_.prefix.groups > 0) {
    r.prefix_block_tokens = spec_.prefix.block_tokens;
    r.prefix_blocks.reserve(spec_.prefix.prefix_blocks);
    for (std::uint64_t j = 0; j < spec_.prefix.prefix_blocks; ++j)
      r.prefix_blocks.push_back(group * spec_.prefix.prefix_blocks + j);
    r.prompt_tokens += spec_.prefix.prefix_blocks * spec_.prefix.block_tokens;
  }
  return r;
}

}  // namespace pjsim::serving
