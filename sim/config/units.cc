#include "sim/config/units.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <regex>
#include <utility>

#include <fmt/format.h>

#include "sim/config/input_limits.h"

namespace pjsim::sim {

namespace {

// A unit is a power of ten (SI prefixes, exact) times a binary factor (IEC prefixes, exact
// powers of 2). The power of ten is applied in the decimal text before conversion, so
// "1.05 GHz" and "1050 MHz" give the same double.
struct Unit {
  std::string symbol;
  int exponent10 = 0;
  double binary = 1;
};
using UnitTable = std::vector<Unit>;

// Factors to the base unit of each kind (energies to pJ).
const UnitTable& table(UnitKind kind) {
  static const UnitTable bytes = {{"B", 0, 1},  {"KB", 3, 1},        {"MB", 6, 1},        {"GB", 9, 1},
                                  {"TB", 12, 1}, {"KiB", 0, 0x1p10}, {"MiB", 0, 0x1p20}, {"GiB", 0, 0x1p30},
                                  {"TiB", 0, 0x1p40}};
  static const UnitTable bandwidth = {{"B/s", 0, 1},   {"KB/s", 3, 1},        {"MB/s", 6, 1},
                                      {"GB/s", 9, 1},  {"TB/s", 12, 1},       {"KiB/s", 0, 0x1p10},
                                      {"MiB/s", 0, 0x1p20}, {"GiB/s", 0, 0x1p30}, {"TiB/s", 0, 0x1p40}};
  static const UnitTable frequency = {{"Hz", 0, 1}, {"kHz", 3, 1}, {"MHz", 6, 1}, {"GHz", 9, 1}};
  static const UnitTable power = {{"mW", -3, 1}, {"W", 0, 1}, {"kW", 3, 1}};
  static const UnitTable time = {{"ps", -12, 1}, {"ns", -9, 1}, {"us", -6, 1}, {"ms", -3, 1}, {"s", 0, 1}};
  static const UnitTable energy = {{"fJ", -3, 1}, {"pJ", 0, 1}, {"nJ", 3, 1}};
  static const UnitTable energy_per_bit = {{"fJ/bit", -3, 1}, {"pJ/bit", 0, 1}, {"nJ/bit", 3, 1}};
  static const UnitTable voltage = {{"mV", -3, 1}, {"V", 0, 1}};
  static const UnitTable area = {{"um^2", -6, 1}, {"um2", -6, 1}, {"mm^2", 0, 1}, {"mm2", 0, 1}, {"cm^2", 2, 1}};
  switch (kind) {
    case UnitKind::bytes: return bytes;
    case UnitKind::bandwidth: return bandwidth;
    case UnitKind::frequency: return frequency;
    case UnitKind::power: return power;
    case UnitKind::time: return time;
    case UnitKind::energy: return energy;
    case UnitKind::energy_per_bit: return energy_per_bit;
    case UnitKind::voltage: return voltage;
    case UnitKind::area: return area;
  }
  return bytes;
}

const std::vector<UnitKind>& all_kinds() {
  static const std::vector<UnitKind> kinds = {UnitKind::bytes, UnitKind::bandwidth, UnitKind::frequency,
                                              UnitKind::power, UnitKind::time,      UnitKind::energy,
                                              UnitKind::energy_per_bit, UnitKind::voltage, UnitKind::area};
  return kinds;
}

const char* unit_family(UnitKind kind) {
  switch (kind) {
    case UnitKind::bytes: return "a size";
    case UnitKind::bandwidth: return "a bandwidth";
    case UnitKind::frequency: return "a frequency";
    case UnitKind::power: return "a power";
    case UnitKind::time: return "a time";
    case UnitKind::energy: return "an energy";
    case UnitKind::energy_per_bit: return "an energy per bit";
    case UnitKind::voltage: return "a voltage";
    case UnitKind::area: return "an area";
  }
  return "?";
}

const Unit* find_unit(const std::string& unit, UnitKind kind) {
  for (const Unit& u : table(kind))
    if (u.symbol == unit) return &u;
  return nullptr;
}

// strtod of "<mantissa>e<exponent + shift>": one correctly rounded conversion.
double scaled(const std::string& number, int shift) {
  const auto e = number.find_first_of("eE");
  const std::string mantissa = number.substr(0, e);
  const long exponent = e == std::string::npos ? 0 : std::strtol(number.c_str() + e + 1, nullptr, 10);
  const long total = std::max(-100000L, std::min(100000L, exponent)) + shift;
  return std::strtod((mantissa + "e" + std::to_string(total)).c_str(), nullptr);
}

// "Mb", "Gbit", "Tb/s", "Gbps": bits where bytes are expected.
bool looks_like_bits(const std::string& unit) {
  std::string u = unit;
  if (u.size() > 2 && u.compare(u.size() - 2, 2, "/s") == 0) u.resize(u.size() - 2);
  else if (u.size() > 2 && u.compare(u.size() - 2, 2, "ps") == 0) u.resize(u.size() - 2);  // "Gbps"
  static const std::regex bits("^[kKMGTP]?i?(b|bit|bits)$");
  return std::regex_match(u, bits);
}

std::string expectation(UnitKind kind) {
  std::string symbols;
  for (const auto& s : unit_symbols(kind)) symbols += (symbols.empty() ? "" : ", ") + s;
  return fmt::format("expected {} ({}), e.g. \"{}\"", kind_description(kind), symbols, kind_example(kind));
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

const char* base_unit(UnitKind kind) {
  switch (kind) {
    case UnitKind::bytes: return "B";
    case UnitKind::bandwidth: return "B/s";
    case UnitKind::frequency: return "Hz";
    case UnitKind::power: return "W";
    case UnitKind::time: return "s";
    case UnitKind::energy: return "pJ";
    case UnitKind::energy_per_bit: return "pJ/bit";
    case UnitKind::voltage: return "V";
    case UnitKind::area: return "mm^2";
  }
  return "?";
}

const char* kind_description(UnitKind kind) {
  switch (kind) {
    case UnitKind::bytes: return "a size in bytes";
    case UnitKind::bandwidth: return "a bandwidth in bytes per second";
    case UnitKind::frequency: return "a frequency";
    case UnitKind::power: return "a power";
    case UnitKind::time: return "a time";
    case UnitKind::energy: return "an energy per action";
    case UnitKind::energy_per_bit: return "an energy per bit";
    case UnitKind::voltage: return "a voltage";
    case UnitKind::area: return "an area";
  }
  return "?";
}

const char* kind_example(UnitKind kind) {
  switch (kind) {
    case UnitKind::bytes: return "32 MiB";
    case UnitKind::bandwidth: return "1.2 TB/s";
    case UnitKind::frequency: return "1.5 GHz";
    case UnitKind::power: return "90 W";
    case UnitKind::time: return "100 ns";
    case UnitKind::energy: return "0.6 pJ";
    case UnitKind::energy_per_bit: return "0.3 pJ/bit";
    case UnitKind::voltage: return "0.75 V";
    case UnitKind::area: return "0.4 mm^2";
  }
  return "?";
}

std::vector<std::string> unit_symbols(UnitKind kind) {
  std::vector<std::string> out;
  for (const Unit& u : table(kind)) out.push_back(u.symbol);
  return out;
}

QuantityResult parse_quantity(const std::string& text, UnitKind kind) {
  static const std::regex form(R"(^\s*([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*((?:[A-Za-z/][A-Za-z/0-9^]*)?)\s*$)");
  // std::regex recurses per character: refuse absurdly long text before matching it.
  if (text.size() > kMaxNumberChars)
    return {std::nullopt, fmt::format("cannot read a text of {} characters as a quantity; {}", text.size(), expectation(kind))};
  std::smatch m;
  if (!std::regex_match(text, m, form)) {
    const std::string l = lower(text);
    if (l.find("nan") != std::string::npos || l.find("inf") != std::string::npos)
      return {std::nullopt, fmt::format("'{}' is not a finite number; {}", text, expectation(kind))};
    return {std::nullopt, fmt::format("cannot read '{}' as a quantity; {}", text, expectation(kind))};
  }
  const std::string number = m[1].str();
  const std::string unit = m[2].str();
  if (unit.empty())
    return {std::nullopt, fmt::format("'{}' needs a unit, e.g. \"{}\" ({})", text, kind_example(kind),
                                      kind_description(kind))};
  const Unit* found = find_unit(unit, kind);
  if (!found) {
    if ((kind == UnitKind::bytes || kind == UnitKind::bandwidth) && looks_like_bits(unit))
      return {std::nullopt,
              fmt::format("'{}' is in bits; {} is written in bytes (B = 8 bits), e.g. \"{}\"", unit,
                          unit_family(kind), kind_example(kind))};
    for (UnitKind other : all_kinds())
      if (other != kind && find_unit(unit, other))
        return {std::nullopt, fmt::format("'{}' is {} unit; {}", unit, unit_family(other), expectation(kind))};
    return {std::nullopt, fmt::format("unknown unit '{}'; {}", unit, expectation(kind))};
  }
  const double value = scaled(number, found->exponent10) * found->binary;
  if (!std::isfinite(value)) return {std::nullopt, fmt::format("'{}' is too large", text)};
  return {value, ""};
}

std::string format_quantity(double value, UnitKind kind) {
  return fmt::format("{} {}", value, base_unit(kind));
}

}  // namespace pjsim::sim
