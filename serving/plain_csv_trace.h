// Reads a plain CSV trace, pjsim's own neutral format, one row per request:
//
//   arrival_seconds,prompt_tokens,output_tokens,prefix_blocks
//   0,1024,128,7 8 9          -> arrival 0 s, prompt 1024, output 128, prefix blocks [7, 8, 9]
//   0.25,300,20,              -> no prefix blocks
//
// The header names the columns, in any order: arrival_seconds, prompt_tokens and output_tokens
// are required; prefix_blocks (ids separated by spaces or ';') and prefix_block_tokens (tokens
// per block; else the TraceSpec's default, 512 like Mooncake) are optional. Blank lines are
// skipped; fields are not quoted. Errors (TraceError "file:line: ..."): an unknown, duplicate or
// missing column, a row with another number of fields than the header, a bad number, 0 tokens,
// more prefix blocks than the prompt fills, arrivals out of order, no rows.
#pragma once

#include <cstdint>
#include <optional>

#include "serving/fields.h"
#include "serving/line_reader.h"
#include "serving/request.h"

namespace pjsim::serving {

class PlainCsvTraceReader : public RequestSource {
 public:
  /// Reads and checks the header line at once.
  PlainCsvTraceReader(LineReader lines, std::uint64_t default_block_tokens);
  std::optional<Request> next() override;

 private:
  LineReader lines_;
  std::uint64_t default_block_tokens_;
  RowChecks checks_;
  std::size_t columns_ = 0;
  // Column index of each field; npos when absent.
  std::size_t arrival_ = 0, prompt_ = 0, output_ = 0, blocks_ = 0, block_tokens_ = 0;
};

}  // namespace pjsim::serving
