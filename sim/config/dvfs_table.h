// Voltage/frequency points of a chip (arch.chip.dvfs): "V: f, ..." with frequencies that rise
// with voltage, so that a point below another is both slower and cheaper.
//
// Example: parse_dvfs("0.65 V: 800 MHz, 0.75 V: 1050 MHz") -> {{0.65, 8e8}, {0.75, 1.05e9}};
//          frequency_at(points, 0.75) == 1.05e9; "0.65 V: 1 GHz, 0.75 V: 900 MHz" -> an error
//          ("frequency falls from 1000000000 Hz at 0.65 V to 900000000 Hz at 0.75 V").
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pjsim::sim {

struct DvfsTable {
  std::vector<std::pair<double, double>> points;  ///< (volts, hertz), by rising voltage
  std::string error;                              ///< one line when the text is not a table
};

DvfsTable parse_dvfs(const std::string& text);
/// The frequency of the point at `volts` (within 1e-9 V), if there is one.
std::optional<double> frequency_at(const DvfsTable& table, double volts);

}  // namespace pjsim::sim
