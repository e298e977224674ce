// The schema of a design point: one row per YAML key, with its type, unit, default, range and
// meaning. It is the single list the loader walks, the error messages quote and the YAML
// reference (docs/yaml-reference.md) prints, so code and documentation cannot drift.
//
// Example: find_row("arch.chip.cores") -> {type integer, default "1", range 1..4096,
//          doc "cores per chip, laid out as an on-chip 2D mesh"};
//          is_section("arch.chip") == true; preset_kind("arch.technology") == "technology";
//          suggest("corse", child_keys("arch.chip")) == "did you mean 'cores'?".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/config/suggest.h"
#include "sim/config/units.h"

namespace pjsim::sim {

enum class ValueType {
  integer,   ///< a plain YAML integer within [min, max]
  boolean,   ///< true or false
  quantity,  ///< a string with a unit of `unit`, >= 0 (> 0 when `positive`)
  price,     ///< a technology price: a quantity of kind energy or energy_per_bit, kept with its source
  choice,    ///< one of `choices`
  text,      ///< free text
  number,    ///< a plain real number within [min, max]
  number_list,  ///< a YAML list of real numbers, each within [min, max]
  choice_list,  ///< a YAML list of distinct names, each one of `choices` (may be empty)
  chunk_list,   ///< a YAML list of prefill chunks {tokens, prior, logits} (may be empty); tokens and prior within [min, max]
};

enum class Presence {
  required,   ///< no default: a preset or the user must set it
  optional,   ///< may stay unset (null in the resolved config, or computed: see its doc)
  defaulted,  ///< `default_text` applies when unset
};

struct SchemaRow {
  std::string path;
  ValueType type = ValueType::text;
  UnitKind unit = UnitKind::bytes;  ///< quantity and price only
  Presence presence = Presence::optional;
  std::string default_text;         ///< YAML text of the default, parsed like a user value
  double min = 0;                   ///< integer: inclusive bounds
  double max = 0;
  bool positive = false;            ///< quantity: must be > 0 rather than >= 0
  std::string price_unit;           ///< price: models::Price::unit ("pJ/MAC", "pJ/bit", ...)
  std::vector<std::string> choices; ///< choice only
  std::string doc;                  ///< one line
};

/// Every key, in document order.
const std::vector<SchemaRow>& schema();
/// The row of a leaf key, or nullptr.
const SchemaRow* find_row(const std::string& path);
/// True for "arch", "arch.chip", ...: a path with keys below it ("" is the document root).
bool is_section(const std::string& path);
/// Names of the keys directly under a section, sorted.
std::vector<std::string> child_keys(const std::string& section);
/// Preset kind of a section that accepts `base:` or a scalar preset name: "arch", "technology",
/// "workload", "model"; empty for other sections.
std::string preset_kind(const std::string& section);
/// The key table of docs/yaml-reference.md, generated from schema().
std::string schema_markdown();
/// Range as printed in docs and messages: "1..4096", "> 0", ">= 0", "ws, os"; empty when none.
std::string range_text(const SchemaRow& row);

}  // namespace pjsim::sim
