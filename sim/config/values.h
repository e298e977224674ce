// Typed values of a flattened design point: each schema row parsed, range-checked and defaulted.
//
// Example: leaf "arch.chip.frequency" = "1050 MHz" -> Value{present, number 1.05e9};
//          an unset "arch.chip.cores" -> Value{present, integer 1} (its default);
//          "arch.technology.mac.bf16" = {value: "0.59 pJ", source: "Jouppi 2021"} ->
//          Value{present, number 0.59, source "Jouppi 2021"}; written without a source, the
//          source becomes "set in FILE:LINE".
// The resolved JSON mirrors the key tree: integers and booleans as JSON values, quantities as
// canonical strings ("1050000000 Hz", see format_quantity), prices as {value, source}, unset
// optional keys as null; an empty chunk list (workload.chunks) is left out, so that configs
// without chunks, and their config hashes, are those of before the key existed.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/config/flatten.h"
#include "workloads/workload_spec.h"

namespace pjsim::sim {

struct Value {
  bool present = false;       ///< false: an optional key left unset
  bool written = false;       ///< a layer (point file, preset, --set) set it: not a default
  std::uint64_t integer = 0;  ///< integer
  bool flag = false;          ///< boolean
  double number = 0;          ///< quantity (base units), price (pJ) or number
  std::vector<double> list;   ///< number_list
  std::vector<std::string> names;  ///< choice_list
  std::vector<workloads::PrefillChunk> chunks;  ///< chunk_list
  std::string text;           ///< choice or text
  std::string source;         ///< price: where it comes from; quantity: the source if one was given
  Location where;             ///< where it was set; for an unset key, where its nearest section was
};

using Values = std::map<std::string, Value>;

/// Parses every schema row from `flat`; `file` locates errors about keys nobody set.
/// Throws UserError for a wrong type, unit or range, or a missing required key.
Values read_values(const FlatConfig& flat, const std::string& file);

/// The resolved configuration (see above), one entry per schema row.
nlohmann::json resolved_json(const Values& values);

}  // namespace pjsim::sim
