// Building blocks of the design-point schema (sim/config/schema.h): one function per kind of
// row, and the bounds every quantity of a unit kind must lie within. The tables of each section
// (schema_arch.cc, schema_workload.cc) are written with them.
//
// Example: quantity_row("arch.chip.frequency", UnitKind::frequency, Presence::required, "", true,
//                       "clock of the matrix and vector units") -> a row that accepts "1 MHz".."100 GHz".
#pragma once

#include <string>
#include <vector>

#include "sim/config/schema.h"

namespace pjsim::sim {

// Bounds of every quantity of a kind, in base units (energies in pJ): past them a value is a typo
// (1e-30 GHz, 1e30 TB), or would overflow the simulated clock (1 fs resolution) or the 64-bit
// counters of bits. `least` is the minimum of a key that must be > 0. docs/robustness.md.
struct KindBounds {
  double least, most;
  const char* least_text;
  const char* most_text;
};
KindBounds bounds_of(UnitKind unit);

SchemaRow text_row(std::string path, std::string doc);
SchemaRow int_row(std::string path, Presence presence, std::string def, double min, double max, std::string doc);
SchemaRow number_row(std::string path, Presence presence, std::string def, double min, double max, std::string doc);
SchemaRow bool_row(std::string path, std::string def, std::string doc);
SchemaRow quantity_row(std::string path, UnitKind unit, Presence presence, std::string def, bool positive,
                       std::string doc);
SchemaRow price_row(std::string path, UnitKind unit, std::string price_unit, std::string doc);
SchemaRow choice_row(std::string path, std::string def, std::vector<std::string> choices, std::string doc);
/// `base`, `description` and `source`: the three keys every preset section carries.
void add_preset_keys(std::vector<SchemaRow>& rows, const std::string& section, const std::string& kind);
/// Every precision name (workloads/precision.h), for choice rows.
std::vector<std::string> precision_names();

/// The rows of each section, in document order (schema_arch.cc, schema_workload.cc).
void add_arch_rows(std::vector<SchemaRow>& rows);
void add_workload_rows(std::vector<SchemaRow>& rows);
void add_serving_rows(std::vector<SchemaRow>& rows);  // schema_serving.cc

}  // namespace pjsim::sim
