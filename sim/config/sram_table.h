// SRAM read price by capacity (`arch.technology.sram_read_by_capacity`): the energy of an SRAM
// access grows with its capacity (longer word and bit lines), so a table of (capacity, pJ/bit)
// entries prices the core's SRAM by its size.
//
// Text: "CAP: PRICE" entries separated by commas, e.g. Horowitz ISSCC 2014 (64-bit reads):
//   "8 KiB: 0.15625 pJ/bit, 32 KiB: 0.3125 pJ/bit, 1 MiB: 1.5625 pJ/bit"
// Rule: the entry of the smallest listed capacity >= the core's SRAM capacity (a step, no
// interpolation: the table's own figures are reproduced exactly); a core larger than every entry
// takes the largest entry (an underestimate, said in the price's source).
// Example: a 16 KiB core SRAM with the table above -> 0.3125 pJ/bit, source "... entry 32 KiB
// (smallest listed >= the core's 16 KiB)".
#pragma once

#include <string>

#include "models/technology.h"

namespace pjsim::sim {

struct SramTableResult {
  models::Price price;
  std::string error;  ///< non-empty when the text is malformed
};

/// The SRAM read price of a core of `capacity_bytes` under `table` (text as above); `source` is
/// the table's source, extended with the entry that applied.
SramTableResult sram_read_for_capacity(const std::string& table, const std::string& source, double capacity_bytes);

}  // namespace pjsim::sim
