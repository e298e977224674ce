#include "reports/si_format.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace pjsim::reports {

namespace {

// Index 5 is the unprefixed unit; each step is a factor 1000.
constexpr const char* kPrefixes[] = {"f", "p", "n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
constexpr int kUnitIndex = 5;
constexpr int kPrefixCount = static_cast<int>(sizeof(kPrefixes) / sizeof(kPrefixes[0]));

std::string join(const std::string& number, const char* prefix, const std::string& unit) {
  const std::string suffix = std::string(prefix) + unit;
  return suffix.empty() ? number : number + " " + suffix;
}

}  // namespace

std::string si_format(double value, const std::string& unit, int significant) {
  if (significant < 1) significant = 1;
  if (std::isnan(value)) return join("nan", "", unit);
  if (std::isinf(value)) return join(value < 0 ? "-inf" : "inf", "", unit);
  if (value == 0) return join("0", "", unit);

  const double magnitude = std::fabs(value);
  int index = kUnitIndex + static_cast<int>(std::floor(std::log10(magnitude) / 3.0));
  if (index < 0) index = 0;
  if (index >= kPrefixCount) index = kPrefixCount - 1;

  double scaled = value / std::pow(1000.0, index - kUnitIndex);
  int digits_before = static_cast<int>(std::floor(std::log10(std::fabs(scaled)))) + 1;
  double step = std::pow(10.0, digits_before - significant);
  scaled = std::round(scaled / step) * step;
  // Rounding can carry into a new power of 1000 (999.96 -> 1000): move up one prefix.
  if (std::fabs(scaled) >= 1000.0 && index + 1 < kPrefixCount) {
    ++index;
    scaled /= 1000.0;
  }
  digits_before = static_cast<int>(std::floor(std::log10(std::fabs(scaled)))) + 1;
  const int decimals = std::max(0, significant - digits_before);
  return join(fmt::format("{:.{}f}", scaled, decimals), kPrefixes[index], unit);
}

std::string percent(double part, double whole) {
  const double share = whole != 0 ? 100.0 * part / whole : 0.0;
  return fmt::format("{:.1f} %", share);
}

}  // namespace pjsim::reports
