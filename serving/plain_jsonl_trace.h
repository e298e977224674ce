// Reads a plain JSON Lines trace, pjsim's own neutral format, one line per request:
//
//   {"arrival_seconds": 0.5, "prompt_tokens": 1024, "output_tokens": 128,
//    "prefix_blocks": [7, 8], "prefix_block_tokens": 256}
//   -> arrival 0.5 s, prompt 1024, output 128, prefix blocks [7, 8] of 256 tokens
//
// prefix_blocks and prefix_block_tokens are optional; prefix blocks without a block size use
// `default_block_tokens` (the TraceSpec's, 512 like Mooncake unless set). Blank lines are
// skipped. Errors as for Mooncake (mooncake_trace.h): one JSON object per line with known,
// unique fields, whole token counts >= 1, arrivals in order, at least one request.
#pragma once

#include <cstdint>
#include <optional>

#include "serving/fields.h"
#include "serving/line_reader.h"
#include "serving/request.h"

namespace pjsim::serving {

class PlainJsonlTraceReader : public RequestSource {
 public:
  PlainJsonlTraceReader(LineReader lines, std::uint64_t default_block_tokens);
  std::optional<Request> next() override;

 private:
  LineReader lines_;
  std::uint64_t default_block_tokens_;
  RowChecks checks_;
};

}  // namespace pjsim::serving
