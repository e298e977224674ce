// Reads a trace one line at a time, never the whole file: the line ending ("\n", or "\r\n" as
// in the Azure CSVs) is dropped, the last line counts even without a final newline, and a line
// longer than max_line_bytes (1 MiB) is a TraceError, so a binary file or a file with no line
// breaks costs at most 1 MiB of memory. Lines are numbered from 1, for messages.
//
// Example: "a,b\r\n1,2" gives "a,b" (line 1) then "1,2" (line 2) then the end.
// One line can be handed back (unread) so that a format can be detected from the first line
// before the reader for that format starts (trace_format.h).
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <string>

#include "serving/trace_error.h"

namespace pjsim::serving {

/// The longest line a trace may have: a Mooncake line of 126,195 prompt tokens lists 247 hash
/// ids in about 2 KB, so 1 MiB leaves room for prompts of tens of millions of tokens.
constexpr std::size_t max_line_bytes = std::size_t{1} << 20;

class LineReader {
 public:
  /// `name` is the file name used in messages.
  LineReader(std::unique_ptr<std::istream> in, std::string name);
  /// Opens `path` (binary). Throws TraceError "path: cannot open: <reason>".
  static LineReader open(const std::string& path);

  /// The next line without its ending, or false at the end of the input.
  bool next(std::string& line);
  /// Hands the line just read back: the next call to next() returns it again (once).
  void unread();
  std::uint64_t line_number() const { return line_; }  ///< of the line last returned
  const std::string& name() const { return name_; }
  /// Throws TraceError at the line last returned.
  [[noreturn]] void fail(const std::string& message) const;

 private:
  std::unique_ptr<std::istream> in_;
  std::string name_;
  std::uint64_t line_ = 0;
  std::string last_;
  bool unread_ = false;
};

}  // namespace pjsim::serving
