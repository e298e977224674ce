#include "serving/slice.h"

#include <cmath>
#include <utility>

#include "serving/fields.h"
#include "serving/trace_error.h"

namespace pjsim::serving {

std::string slice_problem(const SliceSpec& s) {
  if (s.first && *s.first == 0) return "first: must be at least 1";
  if (s.start_seconds && (!std::isfinite(*s.start_seconds) || *s.start_seconds < 0))
    return "start_seconds: must be a finite number >= 0";
  if (s.end_seconds && !std::isfinite(*s.end_seconds)) return "end_seconds: must be finite";
  if (s.end_seconds && *s.end_seconds <= s.start_seconds.value_or(0))
    return "end_seconds: the window must end after it starts";
  if (!std::isfinite(s.rate_scale) || s.rate_scale <= 0) return "rate_scale: must be a finite number > 0";
  return "";
}

SlicedSource::SlicedSource(std::unique_ptr<RequestSource> inner, const SliceSpec& slice, std::string name)
    : inner_(std::move(inner)), slice_(slice), name_(std::move(name)) {
  const std::string problem = slice_problem(slice_);
  if (!problem.empty()) throw TraceError(name_, 0, "slice: " + problem);
}

void SlicedSource::fail_nothing_kept() const {
  const std::string window = "[" + format_seconds(slice_.start_seconds.value_or(0)) + ", " +
                             (slice_.end_seconds ? format_seconds(*slice_.end_seconds) : std::string("end")) + ") s";
  throw TraceError(name_, 0, "the slice keeps no request: none arrives in the window " + window);
}

std::optional<Request> SlicedSource::next() {
  if (done_ || (slice_.first && kept_ >= *slice_.first)) return std::nullopt;
  for (;;) {
    std::optional<Request> r = inner_->next();
    if (r && slice_.start_seconds && r->arrival_seconds < *slice_.start_seconds) continue;
    if (!r || (slice_.end_seconds && r->arrival_seconds >= *slice_.end_seconds)) {
      done_ = true;
      if (kept_ == 0) fail_nothing_kept();
      return std::nullopt;
    }
    r->arrival_seconds = (r->arrival_seconds - slice_.start_seconds.value_or(0)) / slice_.rate_scale;
    r->id = kept_++;
    return r;
  }
}

}  // namespace pjsim::serving
