// Quantities with units, as written in YAML design points ("32 MiB", "1.2 TB/s", "0.6 pJ").
//
// Example: parse_quantity("32 MiB", UnitKind::bytes).value == 33554432.0;
//          parse_quantity("1.2 TB/s", UnitKind::bandwidth).value == 1.2e12;
//          parse_quantity("32 GHz", UnitKind::bytes).error ==
//            "'GHz' is a frequency unit; expected a size in bytes, e.g. \"32 MiB\"";
//          format_quantity(1.05e9, UnitKind::frequency) == "1050000000 Hz".
//
// Values come back in SI base units (bytes, bytes/s, Hz, W, s), except energies, which come
// back in picojoules (pJ, pJ/bit) because every price in pjsim is kept in pJ.
// Bytes are decimal (KB = 1000 B) or binary (KiB = 1024 B); bit units ("Mb", "Gb/s") are
// rejected rather than guessed, because a silent factor of 8 is the costliest typo in a sweep.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pjsim::sim {

enum class UnitKind { bytes, bandwidth, frequency, power, time, energy, energy_per_bit, voltage, area };

/// Outcome of parsing one quantity: a value, or a one-line message (no location: the caller adds it).
struct QuantityResult {
  std::optional<double> value;
  std::string error;
};

/// Parses "<number> <unit>" (space optional, exponent allowed: "1e-7 s").
/// Rejects a bare number, an unknown unit, a unit of another dimension, bits, NaN and infinity.
/// Negative values are returned (ranges are the schema's business).
QuantityResult parse_quantity(const std::string& text, UnitKind kind);

/// Canonical text: shortest round-trip number and the base unit ("34359738368 B", "1e-07 s",
/// "0.59 pJ"). Parsing the canonical text gives back the same double.
std::string format_quantity(double value, UnitKind kind);

/// Base unit of a kind: "B", "B/s", "Hz", "W", "s", "pJ", "pJ/bit".
const char* base_unit(UnitKind kind);
/// A name for messages: "a size in bytes", "a bandwidth", ...
const char* kind_description(UnitKind kind);
/// An example value for messages and docs: "32 MiB", "1.2 TB/s", ...
const char* kind_example(UnitKind kind);
/// Accepted unit symbols of a kind, for messages and docs.
std::vector<std::string> unit_symbols(UnitKind kind);

}  // namespace pjsim::sim
