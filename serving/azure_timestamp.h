// The timestamps of the Azure LLM inference traces, "YYYY-MM-DD HH:MM:SS.fffffff" (UTC, 7
// fractional digits), parsed by hand into a day number and nanoseconds of the day, so that
// arrival times are exact and do not depend on the locale or the time zone (no strptime, no
// mktime). The fraction may have 0 to 9 digits; there are no leap seconds (SS is 00 to 59).
//
// Example: seconds_between("2023-11-16 18:15:46.6805900", "2023-11-16 18:15:50.9951690") =
// 4314579000 ns / 1e9 = 4.314579 s; across midnight and month ends the day number counts days
// of the proleptic Gregorian calendar (days_from_civil, H. Hinnant's algorithm).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pjsim::serving {

struct AzureTimestamp {
  std::int64_t day = 0;               ///< days since 1970-01-01
  std::int64_t nanos_of_day = 0;      ///< 0 to 86,399,999,999,999
};

/// Days since 1970-01-01 of a proleptic Gregorian date (valid month and day assumed).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);
/// Parses a timestamp; on failure nothing and `error` says what is wrong.
std::optional<AzureTimestamp> parse_azure_timestamp(std::string_view text, std::string& error);
/// `to - from` in seconds: the exact count of nanoseconds divided by 1e9 (one rounding, so the
/// nearest double, below 2^53 ns = 104 days; within 1 ns to 292 years), else whole seconds plus
/// the fraction.
double seconds_between(const AzureTimestamp& from, const AzureTimestamp& to);

}  // namespace pjsim::serving
