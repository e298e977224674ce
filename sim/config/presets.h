// Presets built into the binary: whole points (sim/config/presets), arch and technology tables
// (models/presets) and models and workloads (workloads/presets).
//
// A preset's kind is the single top-level key of its text (`arch:`, `technology:`, `model:`,
// `workload:`); a text with both `arch:` and `workload:` is a whole design point ("point").
// `description:` and `source:` may sit inside the section or beside it at the top level.
// Example: preset_text("arch", "tpu-v4-like") -> the text of models/presets/tpu-v4-like.yaml;
//          preset_names("model") -> {"llama-3-70b", "llama-3-8b", "tiny-llama"}.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pjsim::sim {

struct PresetInfo {
  std::string kind;         ///< "point", "arch", "technology", "model", "workload"; "invalid" if unreadable
  std::string name;         ///< file stem
  std::string description;  ///< the section's `description:`, or why the preset is invalid
};

/// Every embedded preset, sorted by kind then name (for `pjsim list`).
std::vector<PresetInfo> list_presets();
/// The YAML text of preset `name` of `kind`, if one exists.
std::optional<std::string> preset_text(const std::string& kind, const std::string& name);
/// Names of the presets of one kind, sorted (for "known: ..." messages).
std::vector<std::string> preset_names(const std::string& kind);
/// Kind of a YAML text by its top-level keys, as above; empty when it is none of them.
std::string preset_kind_of(const std::string& yaml_text);

}  // namespace pjsim::sim
