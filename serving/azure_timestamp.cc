#include "serving/azure_timestamp.h"

namespace pjsim::serving {

namespace {

constexpr std::int64_t nanos_per_second = 1'000'000'000;
constexpr std::int64_t seconds_per_day = 86'400;

/// The `count` digits of `text` at `at` as a number, or -1 when one is not a digit.
std::int64_t digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  std::int64_t value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, std::int64_t m) {
  static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

}  // namespace

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                         // [0, 399]
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;       // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                 // [0, 146096]
  return era * 146097 + doe - 719468;
}

std::optional<AzureTimestamp> parse_azure_timestamp(std::string_view t, std::string& error) {
  error = "expected a timestamp YYYY-MM-DD HH:MM:SS.fffffff";
  if (t.size() < 19 || t[4] != '-' || t[7] != '-' || t[10] != ' ' || t[13] != ':' || t[16] != ':') return std::nullopt;
  const std::int64_t year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2);
  const std::int64_t hour = digits(t, 11, 2), minute = digits(t, 14, 2), second = digits(t, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return std::nullopt;
  std::int64_t nanos = 0;
  if (t.size() > 19) {
    const std::size_t fraction = t.size() - 20;
    if (t[19] != '.' || fraction < 1 || fraction > 9) {
      error = "expected a timestamp YYYY-MM-DD HH:MM:SS.fffffff (1 to 9 fractional digits)";
      return std::nullopt;
    }
    nanos = digits(t, 20, fraction);
    if (nanos < 0) return std::nullopt;
    for (std::size_t i = fraction; i < 9; ++i) nanos *= 10;
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    error = "no such date in the timestamp";
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 59) {
    error = "no such time of day in the timestamp";
    return std::nullopt;
  }
  AzureTimestamp ts;
  ts.day = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  ts.nanos_of_day = ((hour * 60 + minute) * 60 + second) * nanos_per_second + nanos;
  return ts;
}

double seconds_between(const AzureTimestamp& from, const AzureTimestamp& to) {
  // Years 0000 to 9999: |days| < 3.7e6, so whole seconds fit easily in 64 bits.
  const std::int64_t whole = (to.day - from.day) * seconds_per_day + (to.nanos_of_day / nanos_per_second) -
                             (from.nanos_of_day / nanos_per_second);
  const std::int64_t fraction = to.nanos_of_day % nanos_per_second - from.nanos_of_day % nanos_per_second;
  constexpr std::int64_t limit = INT64_MAX / nanos_per_second - 1;
  if (whole > -limit && whole < limit)
    return static_cast<double>(whole * nanos_per_second + fraction) / static_cast<double>(nanos_per_second);
  return static_cast<double>(whole) + static_cast<double>(fraction) / static_cast<double>(nanos_per_second);
}

}  // namespace pjsim::serving
