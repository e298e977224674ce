#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "reports/si_format.h"

using pjsim::reports::percent;
using pjsim::reports::si_format;

TEST_CASE("si_format picks the prefix and keeps three significant digits", "[reports]") {
  CHECK(si_format(1.234e-3, "J") == "1.23 mJ");
  CHECK(si_format(0.0456, "s") == "45.6 ms");
  CHECK(si_format(812.0, "tok/s") == "812 tok/s");
  CHECK(si_format(8.03e9, "MAC") == "8.03 GMAC");
  CHECK(si_format(1.0, "J") == "1.00 J");
  CHECK(si_format(-2.5e6, "J") == "-2.50 MJ");
  CHECK(si_format(3.2e-13, "J") == "320 fJ");
  CHECK(si_format(12.5, "") == "12.5");
  CHECK(si_format(1234.0, "B", 4) == "1.234 kB");
}

TEST_CASE("si_format rounds before choosing the prefix", "[reports]") {
  CHECK(si_format(999.96, "J") == "1.00 kJ");
  CHECK(si_format(0.99996, "s") == "1.00 s");
  CHECK(si_format(999.4, "J") == "999 J");
}

TEST_CASE("si_format prints zero and non-finite values plainly", "[reports]") {
  CHECK(si_format(0.0, "J") == "0 J");
  CHECK(si_format(std::nan(""), "J") == "nan J");
  CHECK(si_format(std::numeric_limits<double>::infinity(), "s") == "inf s");
}

TEST_CASE("percent has one decimal and is zero for a zero whole", "[reports]") {
  CHECK(percent(1, 8) == "12.5 %");
  CHECK(percent(3, 3) == "100.0 %");
  CHECK(percent(1, 0) == "0.0 %");
}
