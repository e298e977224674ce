// Parsing and checking the fields of one trace row, shared by every reader: counts of tokens,
// arrival times in seconds, and the checks every request must pass whatever its format.
//
// Example: parse_count("1155") = 1155; parse_count("1e3") fails ("not a whole number");
// parse_seconds("0.25") = 0.25; parse_seconds("-1") fails ("negative").
// RowChecks refuses a request with 0 prompt or 0 output tokens, an arrival before the previous
// row's, or more prefix blocks than its prompt fills; it numbers requests 0, 1, 2, ...
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "serving/line_reader.h"
#include "serving/request.h"

namespace pjsim::serving {

/// The largest token count a trace may give (2^32): far above any model's context (Llama 3 has
/// 131,072), and small enough that sums over billions of requests stay exact in 64 bits.
constexpr std::uint64_t max_request_tokens = std::uint64_t{1} << 32;

/// Decimal digits only, at most max_request_tokens; on failure nothing and `error` says why.
std::optional<std::uint64_t> parse_count(std::string_view text, std::string& error);
/// A finite, non-negative decimal number (locale-independent: std::from_chars).
std::optional<double> parse_seconds(std::string_view text, std::string& error);
/// Any unsigned 64-bit integer in decimal (prefix block hash ids).
std::optional<std::uint64_t> parse_id(std::string_view text, std::string& error);

/// `seconds` in the shortest decimal form that reads back the same double ("0.5", "3501.721937").
std::string format_seconds(double seconds);

/// The checks every row of a trace passes, in order, with its line for messages.
class RowChecks {
 public:
  /// Checks `r` (read from the line `at` last returned), sets its id, remembers its arrival.
  void check(Request& r, const LineReader& at);
  std::uint64_t count() const { return count_; }  ///< requests checked so far
  /// The next line that is not blank into `line`; false at the end of the file, which is an
  /// empty-trace error (fail_empty) when no request was read.
  bool next_row(LineReader& lines, std::string& line) const;

 private:
  std::uint64_t count_ = 0;
  double previous_arrival_ = 0;
};

/// Throws TraceError "<name>:<line>: empty trace: no requests" (line = the last line read + 1).
[[noreturn]] void fail_empty(const LineReader& at);

}  // namespace pjsim::serving
