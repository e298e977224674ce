// Human-readable numbers with SI prefixes, for the console summary and report.md.
//
// Example: si_format(1.234e-3, "J") == "1.23 mJ"; si_format(0.0456, "s") == "45.6 ms";
//          si_format(812.0, "tok/s") == "812 tok/s"; si_format(8.03e9, "MAC") == "8.03 GMAC".
// Values are rounded to `significant` digits *before* the prefix is chosen, so 999.96 becomes
// "1.00 k" rather than "1000 " (the prefix would otherwise lag the rounding).
#pragma once

#include <string>

namespace pjsim::reports {

/// `value` scaled to a prefix from f (1e-15) to E (1e18), with `significant`
/// significant digits (trailing zeros kept, so columns line up), a space, then prefix + unit.
/// Zero prints as "0 <unit>"; NaN and infinities print as "nan <unit>" / "inf <unit>".
std::string si_format(double value, const std::string& unit, int significant = 3);

/// A share in percent with one decimal: percent(1, 8) == "12.5 %"; 0 when whole is 0.
std::string percent(double part, double whole);

}  // namespace pjsim::reports
