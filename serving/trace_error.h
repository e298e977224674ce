// The one error a request stream throws for bad input: a trace file that cannot be opened, a
// malformed or out-of-order row, an empty trace, a slice that keeps nothing, a bad generator
// setting. It carries the file (or the spec's name), the 1-based line (0 when the error is not
// on a line) and the message, and reads as one line:
//
//   traces/conv.csv:17: field 3 (GeneratedTokens): 0 output tokens: a request generates at least 1
//   traces/missing.csv: cannot open: No such file or directory
//
// Bytes that would break the line (control characters, bytes >= 0x80 quoted from a binary file)
// are escaped as \xNN, so the message is printable ASCII whatever the input was.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace pjsim::serving {

class TraceError : public std::runtime_error {
 public:
  TraceError(const std::string& file, std::uint64_t line, const std::string& message);
  const std::string& file() const { return file_; }
  std::uint64_t line() const { return line_; }  ///< 1-based; 0 = not on a line
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  std::uint64_t line_;
  std::string message_;
};

/// `text` with control characters, DEL and bytes >= 0x80 written as \xNN, cut to `max_chars`
/// (then ending in "..."): safe to quote an untrusted field in a one-line message.
std::string printable(const std::string& text, std::size_t max_chars = 2000);

}  // namespace pjsim::serving
