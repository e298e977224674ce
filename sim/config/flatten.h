// Layered flattening of YAML design points into key path -> (node, location).
//
// Layers are applied in order, later ones winning: a section's base preset (recursively), the
// section's own keys, `--arch` / `--workload` replacements, then `--set` overrides.
// A preset section given a scalar or a map with `base:` REPLACES what was there; a map without
// `base:` MERGES into it key by key.
//
// Example:  arch: {base: tpu-v4-like, chip: {cores: 4}}
//   -> leaves "arch.base" = tpu-v4-like (preset:tpu-v4-like ...), every key of the preset under
//      "arch.", then "arch.chip.cores" = 4 at POINT.yaml:2:30.
// Keys are checked against the schema as they are flattened (unknown key -> "did you mean").
// A model section's `config_json: FILE` is applied after its base and before its own keys.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sim/config/errors.h"

namespace pjsim::sim {

struct Setting {
  YAML::Node node;    ///< the value as written (scalar, or {value, source})
  Location where;     ///< of the value (of its key when the value has no mark, e.g. null)
};

struct FlatConfig {
  std::map<std::string, Setting> leaves;     ///< by full key path ("arch.chip.cores")
  std::map<std::string, Location> sections;  ///< where each section was last given
};

/// Location of a yaml-cpp mark (0-based) in `file`, 1-based; line 0 when the mark is unknown.
Location location_of(const std::string& file, const YAML::Mark& mark);

/// Reads a design point, study, --arch / --workload or config.json file (`what` names the kind)
/// of at most 16 MiB (sim/config/input_limits.h); throws UserError "FILE: cannot read file" or
/// "FILE: file is 10.0 GiB; <what> files are limited to 16 MiB".
std::string read_text_file(const std::string& path, const std::string& what);
/// Reads another input (report.json for diff and reprice, tolerance files) of at most 2 GiB.
std::string read_text_file(const std::string& path);
/// Parses YAML; throws UserError "file:line:col: malformed YAML: ...", when the text holds a second
/// document (`---`, which would be ignored), or when the document nests too deep or expands to too
/// many values (check_yaml_shape).
YAML::Node parse_yaml(const std::string& text, const std::string& file);

class Flattener {
 public:
  explicit Flattener(FlatConfig& out) : out_(out) {}

  /// A whole point document (keys name, description, arch, workload) from `file`. A key written
  /// twice, nested or dotted (`workload: {batch: 4}` and `workload.batch: 8`), is an error.
  void add_point(const YAML::Node& root, const std::string& file);
  /// A section's value (map, or scalar preset name for preset sections) at `path`.
  void add_section(const YAML::Node& value, const std::string& path, const std::string& file);
  /// `--arch` / `--workload`: `arg` is a file whose single top key is `section`, or a preset name.
  void replace_section(const std::string& section, const std::string& arg);
  /// `--set key.path=value`; the value text is parsed as YAML.
  /// `where` locates errors: "--set", or the study file line that wrote the override.
  void add_set(const std::string& assignment, const Location& where = Location{"--set"});

 private:
  void add_map(const YAML::Node& map, const std::string& path, const std::string& file);
  void apply_base(const std::string& name, const std::string& path, const Location& where);
  /// A model section's `config_json:` (or `--workload FILE.json`): the file's model fields
  /// replace the section (workloads/hf_config.h); a relative path is relative to `file`'s folder.
  /// Stores the file's content hash ("fnv1a64:...") as the section's config_json, located where
  /// it was asked for (`referenced_at`), which errors about the file also name.
  void apply_config_json(const std::string& json_path, const std::string& section, const std::string& file,
                         const Location& referenced_at);
  void clear_under(const std::string& path);
  void check_known(const std::string& parent, const std::string& key, const Location& where);
  /// location_of, except while reading a --set value, whose marks would only count within the value text.
  Location at(const std::string& file, const YAML::Mark& mark) const;

  /// A path written a second time in the document being added (add_point): "duplicate key".
  void check_written_once(const std::string& path, const std::string& file, const Location& where);

  FlatConfig& out_;
  bool in_set_ = false;
  Location set_where_{"--set"};  ///< where the --set being read was written
  std::string document_;                      ///< the file add_point is reading
  std::map<std::string, Location> written_;  ///< paths that file wrote (nested or dotted), and where
  std::vector<std::string> preset_stack_;  ///< "kind:name" being expanded, for cycle detection
};

}  // namespace pjsim::sim
