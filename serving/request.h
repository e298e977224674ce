// One request of a served stream: when it arrives, how long its prompt is, how many tokens it
// generates, and (optionally) the hashes of its leading prompt blocks for prefix caching.
//
// Example (Mooncake conversation trace, first line): arrival 0 s, prompt 6758, output 500,
// prefix_blocks [0..13] of 512 tokens each: another request whose prefix_blocks start with
// [0, 1, 2] shares its first 1536 prompt tokens with this one.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace pjsim::serving {

struct Request {
  std::uint64_t id = 0;                      ///< 0-based position in the stream (after slicing)
  double arrival_seconds = 0;                ///< since the start of the stream
  std::uint64_t prompt_tokens = 0;
  std::uint64_t output_tokens = 0;
  std::vector<std::uint64_t> prefix_blocks;  ///< hashes of leading prompt blocks (may be empty)
  std::uint64_t prefix_block_tokens = 0;     ///< tokens per prefix block (Mooncake 512; 0 = none)
};

/// Requests in arrival order, one at a time (a large trace is never loaded whole).
class RequestSource {
 public:
  virtual ~RequestSource() = default;
  /// The next request, or nothing at the end of the stream.
  virtual std::optional<Request> next() = 0;
};

}  // namespace pjsim::serving
