// A slice of a request stream, with its rate scaled: a RequestSource that wraps another.
//
//   window [start, end): keep requests with start <= arrival < end, re-based so that a kept
//                        request arrives at (arrival - start)
//   first N:             then keep the first N of those
//   rate_scale r:        then divide every arrival by r (r = 2: the same requests twice as fast)
//
// Kept requests are renumbered 0, 1, ... in order. Arrival after slicing = (t - start) / r, one
// subtraction and one division (start = 0 without a window), so scaling is exact in the sense
// that it is the correctly rounded quotient. Reading stops at the first request past the window
// or after N, so slicing the first minute of a 1 GB trace reads only that minute.
//
// Example: the Azure conversation trace with window [600, 1200) and rate_scale 2 is its 11th to
// 20th minute replayed in 5 minutes, the first kept request at (t - 600) / 2 s.
// A slice that keeps nothing is a TraceError ("<name>: the slice keeps no request ...").
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "serving/request.h"

namespace pjsim::serving {

struct SliceSpec {
  std::optional<std::uint64_t> first;          ///< keep at most this many requests (>= 1)
  std::optional<double> start_seconds;         ///< window start, inclusive (>= 0)
  std::optional<double> end_seconds;           ///< window end, exclusive (> start)
  double rate_scale = 1;                       ///< arrival rate multiplier (> 0, finite)

  /// True when the slice changes nothing (no window, no limit, scale 1).
  bool is_identity() const { return !first && !start_seconds && !end_seconds && rate_scale == 1; }
};

/// What is wrong with a slice, as "field: message" (fields first, start_seconds, end_seconds,
/// rate_scale), or an empty string.
std::string slice_problem(const SliceSpec& slice);

class SlicedSource : public RequestSource {
 public:
  /// `name` (the trace's file) is used in messages. Throws TraceError on a bad slice.
  SlicedSource(std::unique_ptr<RequestSource> inner, const SliceSpec& slice, std::string name);
  std::optional<Request> next() override;

 private:
  std::unique_ptr<RequestSource> inner_;
  SliceSpec slice_;
  std::string name_;
  std::uint64_t kept_ = 0;
  bool done_ = false;
  [[noreturn]] void fail_nothing_kept() const;
};

}  // namespace pjsim::serving
