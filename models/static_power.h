// Static power of a chip by component, and the voltage scaling of static and dynamic energy.
//
// Static power is the sum of parts, each a count of units times watts per unit, all scaled by
// the operating voltage where the part sits on the chip's core supply:
//
//   part    units                      scales with V / V_nominal
//   core    cores                      yes (leakage ~ V; clock tree at fixed f also ~ V^2 f, kept
//                                          linear: documented simplification)
//   uncore  1                          yes
//   sram    MiB of core SRAM           yes
//   hbm     HBM stacks                 no (the DRAM's own supply)
//   links   inter-chip link ports      no (SerDes supply)
//   chip    1 (arch.chip.static_power) yes
//
// Dynamic energy of on-die actions (MACs, vector ops, SRAM, NoC) scales with (V / V_nominal)^2;
// HBM and inter-chip link energy per bit does not.
//
// Example (tpu-v4-like, nominal voltage): 2 cores x 20 W + 32.88 W uncore + 32 MiB x 0.01 W
// + 4 stacks x 1.2 W + 6 links x 2 W = 90 W, the measured minimum of a TPU v4 chip.
#pragma once

#include <string>
#include <vector>

#include "models/arch_params.h"
#include "models/ledger.h"

namespace pjsim::models {

struct StaticLine {
  std::string part;      ///< "core", "uncore", "sram", "hbm", "links", "chip"
  double units = 0;      ///< how many of the part one chip has
  std::string unit;      ///< "core", "chip", "MiB", "stack", "link"
  double watts_each = 0; ///< per unit, after voltage scaling
  std::string source;
  double watts() const { return units * watts_each; }
};

/// The static parts of one chip, in the order of the table above (parts with no units or no
/// power are kept, at 0 W, so that every report lists the same parts).
std::vector<StaticLine> static_lines(const ArchParams& arch);
/// Sum of the parts, W per chip.
double static_watts(const std::vector<StaticLine>& lines);
/// V / V_nominal (1 when either is unset).
double voltage_ratio(const ChipParams& chip);
/// Whether an action's energy is on the chip's core supply (scales with V^2).
bool scales_with_voltage(Action a);

}  // namespace pjsim::models
