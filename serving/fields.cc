#include "serving/fields.h"

#include <charconv>
#include <cmath>

#include "serving/csv_row.h"

namespace pjsim::serving {

namespace {

std::string quoted(std::string_view text) { return "'" + printable(std::string(text), 40) + "'"; }

}  // namespace

std::string format_seconds(double s) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, s);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::optional<std::uint64_t> parse_id(std::string_view text, std::string& error) {
  if (text.empty()) {
    error = "empty, expected a whole number";
    return std::nullopt;
  }
  if (text.size() > 1 && text[0] == '-' && text.find_first_not_of("0123456789", 1) == std::string_view::npos) {
    error = quoted(text) + " is negative, expected a whole number";
    return std::nullopt;
  }
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      error = quoted(text) + " is not a whole number";
      return std::nullopt;
    }
    const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) {
      error = quoted(text) + " is too large (more than 2^64 - 1)";
      return std::nullopt;
    }
    value = value * 10 + digit;
  }
  return value;
}

std::optional<std::uint64_t> parse_count(std::string_view text, std::string& error) {
  const auto value = parse_id(text, error);
  if (value && *value > max_request_tokens) {
    error = quoted(text) + " tokens is more than the limit of 2^32";
    return std::nullopt;
  }
  return value;
}

std::optional<double> parse_seconds(std::string_view text, std::string& error) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec == std::errc::invalid_argument || end != text.data() + text.size()) {
    error = quoted(text) + " is not a number";
    return std::nullopt;
  }
  if (ec == std::errc::result_out_of_range || !std::isfinite(value)) {
    error = quoted(text) + " is out of range";
    return std::nullopt;
  }
  if (value < 0) {
    error = quoted(text) + " is negative";
    return std::nullopt;
  }
  return value;
}

void RowChecks::check(Request& r, const LineReader& at) {
  if (!std::isfinite(r.arrival_seconds) || r.arrival_seconds < 0)
    at.fail("arrival time " + format_seconds(r.arrival_seconds) + " s is not a finite, non-negative number");
  if (r.prompt_tokens == 0) at.fail("0 prompt tokens: a request has at least 1");
  if (r.output_tokens == 0) at.fail("0 output tokens: a request generates at least 1");
  if (r.prompt_tokens > max_request_tokens || r.output_tokens > max_request_tokens)
    at.fail("more than 2^32 tokens in one request");
  if (count_ > 0 && r.arrival_seconds < previous_arrival_)
    at.fail("timestamps out of order: arrival " + format_seconds(r.arrival_seconds) + " s is before the previous row's " +
            format_seconds(previous_arrival_) + " s (a trace is sorted by arrival)");
  if (!r.prefix_blocks.empty()) {
    if (r.prefix_block_tokens == 0) at.fail("prefix blocks given with 0 tokens per block");
    if (r.prefix_block_tokens > max_request_tokens) at.fail("more than 2^32 tokens per prefix block");
    const std::uint64_t filled = (r.prompt_tokens + r.prefix_block_tokens - 1) / r.prefix_block_tokens;
    if (r.prefix_blocks.size() > filled)
      at.fail(std::to_string(r.prefix_blocks.size()) + " prefix blocks of " + std::to_string(r.prefix_block_tokens) +
              " tokens, but a prompt of " + std::to_string(r.prompt_tokens) + " tokens fills only " +
              std::to_string(filled));
  }
  r.id = count_++;
  previous_arrival_ = r.arrival_seconds;
}

bool RowChecks::next_row(LineReader& lines, std::string& line) const {
  do {
    if (!lines.next(line)) {
      if (count_ == 0) fail_empty(lines);
      return false;
    }
  } while (is_blank(line));
  return true;
}

void fail_empty(const LineReader& at) {
  throw TraceError(at.name(), at.line_number() + 1, "empty trace: no requests");
}

}  // namespace pjsim::serving
