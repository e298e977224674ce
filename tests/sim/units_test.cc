#include <catch2/catch.hpp>

#include "sim/config/units.h"

using pjsim::sim::format_quantity;
using pjsim::sim::parse_quantity;
using pjsim::sim::UnitKind;

namespace {
double value_of(const std::string& text, UnitKind kind) {
  const auto r = parse_quantity(text, kind);
  INFO(text << ": " << r.error);
  REQUIRE(r.value);
  return *r.value;
}
std::string error_of(const std::string& text, UnitKind kind) {
  const auto r = parse_quantity(text, kind);
  REQUIRE_FALSE(r.value);
  return r.error;
}
}  // namespace

TEST_CASE("bytes: decimal and binary prefixes", "[sim]") {
  CHECK(value_of("1 B", UnitKind::bytes) == 1);
  CHECK(value_of("2 KB", UnitKind::bytes) == 2000);
  CHECK(value_of("2 KiB", UnitKind::bytes) == 2048);
  CHECK(value_of("32 MiB", UnitKind::bytes) == 33554432.0);
  CHECK(value_of("32MB", UnitKind::bytes) == 32e6);
  CHECK(value_of("32 GiB", UnitKind::bytes) == 34359738368.0);
  CHECK(value_of("16 GB", UnitKind::bytes) == 16e9);
  CHECK(value_of("1 TiB", UnitKind::bytes) == 1099511627776.0);
  CHECK(value_of("1.5e3 TB", UnitKind::bytes) == 1.5e15);
}

TEST_CASE("bits are refused where bytes are expected", "[sim]") {
  CHECK_THAT(error_of("32 Mb", UnitKind::bytes), Catch::Contains("'Mb' is in bits"));
  CHECK_THAT(error_of("8 bit", UnitKind::bytes), Catch::Contains("in bits"));
  CHECK_THAT(error_of("100 Gb/s", UnitKind::bandwidth), Catch::Contains("in bits"));
  CHECK_THAT(error_of("100 Gbps", UnitKind::bandwidth), Catch::Contains("in bits"));
}

TEST_CASE("bandwidth, frequency, power, time", "[sim]") {
  CHECK(value_of("1.2 TB/s", UnitKind::bandwidth) == Approx(1.2e12));
  CHECK(value_of("819 GB/s", UnitKind::bandwidth) == 819e9);
  CHECK(value_of("1 GiB/s", UnitKind::bandwidth) == 1073741824.0);
  CHECK(value_of("1050 MHz", UnitKind::frequency) == 1.05e9);
  CHECK(value_of("1.5 GHz", UnitKind::frequency) == 1.5e9);
  CHECK(value_of("3 kHz", UnitKind::frequency) == 3e3);
  CHECK(value_of("90 W", UnitKind::power) == 90);
  CHECK(value_of("500 mW", UnitKind::power) == 0.5);
  CHECK(value_of("2 kW", UnitKind::power) == 2000);
  CHECK(value_of("100 ns", UnitKind::time) == Approx(1e-7));
  CHECK(value_of("5 ps", UnitKind::time) == Approx(5e-12));
  CHECK(value_of("3 us", UnitKind::time) == Approx(3e-6));
  CHECK(value_of("2 ms", UnitKind::time) == Approx(2e-3));
  CHECK(value_of("1 s", UnitKind::time) == 1);
}

TEST_CASE("energies come back in picojoules", "[sim]") {
  CHECK(value_of("0.6 pJ", UnitKind::energy) == 0.6);
  CHECK(value_of("600 fJ", UnitKind::energy) == Approx(0.6));
  CHECK(value_of("1.3 nJ", UnitKind::energy) == Approx(1300));
  CHECK(value_of("3.97 pJ/bit", UnitKind::energy_per_bit) == 3.97);
  CHECK(value_of("50 fJ/bit", UnitKind::energy_per_bit) == Approx(0.05));
  CHECK(value_of("1 nJ/bit", UnitKind::energy_per_bit) == 1000);
}

TEST_CASE("bare numbers, wrong dimensions and unknown units are refused", "[sim]") {
  CHECK_THAT(error_of("32", UnitKind::bytes), Catch::Contains("needs a unit, e.g. \"32 MiB\""));
  CHECK_THAT(error_of("0.6", UnitKind::energy), Catch::Contains("needs a unit"));
  CHECK_THAT(error_of("32 GHz", UnitKind::bytes), Catch::Contains("'GHz' is a frequency unit; expected a size in bytes"));
  CHECK_THAT(error_of("32 GHz", UnitKind::bytes), Catch::Contains("e.g. \"32 MiB\""));
  CHECK_THAT(error_of("0.6 pJ", UnitKind::energy_per_bit), Catch::Contains("is an energy unit"));
  CHECK_THAT(error_of("1 GB", UnitKind::bandwidth), Catch::Contains("is a size unit"));
  CHECK_THAT(error_of("1 XB", UnitKind::bytes), Catch::Contains("unknown unit 'XB'"));
  CHECK_THAT(error_of("1 mhz", UnitKind::frequency), Catch::Contains("unknown unit 'mhz'"));
  CHECK_THAT(error_of("fast", UnitKind::frequency), Catch::Contains("cannot read 'fast'"));
  CHECK_THAT(error_of("1 2 GHz", UnitKind::frequency), Catch::Contains("cannot read"));
}

TEST_CASE("NaN and infinity are refused and negatives are returned for the schema to judge", "[sim]") {
  CHECK_THAT(error_of("nan GB", UnitKind::bytes), Catch::Contains("not a finite number"));
  CHECK_THAT(error_of(".inf W", UnitKind::power), Catch::Contains("not a finite number"));
  CHECK_THAT(error_of("inf", UnitKind::power), Catch::Contains("not a finite number"));
  CHECK_THAT(error_of("1e400 B", UnitKind::bytes), Catch::Contains("too large"));
  CHECK_THAT(error_of("1e308 TB", UnitKind::bytes), Catch::Contains("too large"));
  CHECK(value_of("-1 GiB", UnitKind::bytes) == -1073741824.0);
  CHECK(value_of("0 B/s", UnitKind::bandwidth) == 0);
}

TEST_CASE("canonical text round-trips", "[sim]") {
  CHECK(format_quantity(34359738368.0, UnitKind::bytes) == "34359738368 B");
  CHECK(format_quantity(1.05e9, UnitKind::frequency) == "1050000000 Hz");
  CHECK(format_quantity(1e-7, UnitKind::time) == "1e-07 s");
  CHECK(format_quantity(0.59, UnitKind::energy) == "0.59 pJ");
  CHECK(format_quantity(3.97, UnitKind::energy_per_bit) == "3.97 pJ/bit");
  for (double v : {1.2e12, 3.2e12, 0.1, 1.0 / 3, 123456789.125})
    for (UnitKind k : {UnitKind::bandwidth, UnitKind::time, UnitKind::energy}) CHECK(value_of(format_quantity(v, k), k) == v);
}

TEST_CASE("voltages in volts, areas in mm^2", "[sim]") {
  CHECK(value_of("0.75 V", UnitKind::voltage) == 0.75);
  CHECK(value_of("650 mV", UnitKind::voltage) == Approx(0.65));
  CHECK(value_of("0.4 mm^2", UnitKind::area) == 0.4);
  CHECK(value_of("0.4 mm2", UnitKind::area) == 0.4);
  CHECK(value_of("270000 um^2", UnitKind::area) == Approx(0.27));
  CHECK(value_of("1 cm^2", UnitKind::area) == 100);
  CHECK_FALSE(parse_quantity("0.4", UnitKind::area).value);       // a bare number needs a unit
  CHECK_FALSE(parse_quantity("0.4 V", UnitKind::area).value);     // a voltage is not an area
  CHECK_FALSE(parse_quantity("2 mm^3", UnitKind::area).value);
  CHECK(format_quantity(0.75, UnitKind::voltage) == "0.75 V");
  CHECK(format_quantity(0.4, UnitKind::area) == "0.4 mm^2");
}
