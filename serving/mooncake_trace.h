// Reads a Mooncake trace (kvcache-ai/Mooncake FAST25-release, Apache-2.0; Qin et al., FAST 2025)
// as a request stream, one JSON line at a time:
//
//   {"timestamp": 0, "input_length": 6758, "output_length": 500, "hash_ids": [0, 1, ..., 13]}
//   -> arrival 0 s, prompt 6758, output 500, prefix_blocks [0..13] of 512 tokens each
//
// timestamp is in milliseconds since the start (arrival = timestamp / 1000); hash_ids are the
// hashes of the prompt's 512-token blocks (the last one may be partial), so two requests sharing
// leading ids share that much prefix. hash_ids may be absent (no prefix blocks). Blank lines are
// skipped. Errors (TraceError "file:line: ..."): a line that is not one JSON object, a missing,
// unknown or duplicate field, a count that is not a whole number, 0 tokens, more hash ids than
// the prompt fills, a timestamp before the previous line's, no requests at all.
#pragma once

#include <optional>

#include "serving/fields.h"
#include "serving/line_reader.h"
#include "serving/request.h"

namespace pjsim::serving {

/// Tokens per hash id in the Mooncake traces (their README: "remapped block hashes, block size
/// 512"; checked: every line has exactly ceil(input_length / 512) ids).
constexpr std::uint64_t mooncake_block_tokens = 512;

class MooncakeTraceReader : public RequestSource {
 public:
  explicit MooncakeTraceReader(LineReader lines);
  std::optional<Request> next() override;

 private:
  LineReader lines_;
  RowChecks checks_;
};

}  // namespace pjsim::serving
