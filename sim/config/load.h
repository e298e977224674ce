// Loading a design point: YAML files, presets and overrides -> a validated DesignPoint.
//
// Example:
//   LoadRequest req;
//   req.point_file = "study/point.yaml";            // or "" for the embedded default point
//   req.arch = "tpu-v5e-like";                      // replaces the point's arch section
//   req.sets = {"workload.batch=64", "arch.technology.mac.bf16=0.5 pJ"};
//   DesignPoint p = load_design_point(req);         // p.workload.batch == 64
//
// Layers, later winning: the point (each section's base preset first, recursively), then
// --arch / --workload, then --set in order. Every key must be in the schema
// (sim/config/schema.h; docs/yaml-reference.md); every value is type-, unit- and
// range-checked; then cross-key rules run (heads, phases, prices of the chosen precisions, and
// whether weights + KV cache fit in HBM). Any failure is a one-line UserError
// "file:line:col: key.path: message".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/config/design_point.h"

namespace pjsim::sim {

struct LoadRequest {
  std::string point_file;         ///< POINT.yaml; empty = the embedded default point (sim/config/presets/default.yaml)
  /// When set, the point's YAML text itself (point_file then only names it in messages and
  /// locates relative config_json paths); used by the fuzz targets (fuzz/) and by tests.
  std::optional<std::string> point_text;
  std::string arch;               ///< optional: a file path or an arch preset name; replaces the arch section
  std::string workload;           ///< optional: a file path or a workload preset name; replaces the workload section
  std::vector<std::string> sets;  ///< "key.path=value" overrides, applied last, in order
  /// Where each of `sets` was written (a study file's line); missing entries are "--set".
  std::vector<Location> set_locations;
};

/// Loads, validates and resolves one design point. Throws UserError.
DesignPoint load_design_point(const LoadRequest& req);

/// Throws UserError located at arch.chip.hbm.capacity when weights + KV cache exceed HBM:
/// "impossible design: weights 14.96 GiB + KV cache 4.00 GiB = 18.96 GiB do not fit in
/// arch.chip.hbm.capacity (16.00 GiB)". Weights = (weight + embedding + norm params) x weight
/// bits; KV cache = workloads::kv_cache_bits.
void check_fits(const DesignPoint& point);

/// 16 hex digits of the 64-bit FNV-1a hash of `text` (used on resolved.dump()).
std::string config_hash_of(const std::string& text);

/// The hash of what `pjsim serve` replays: the resolved config and the serving keys
/// (serving_resolved), which config_hash leaves out. Written to serve.json as `serve_hash`;
/// sweeps of serving points resume and merge by it, so points differing only in serving.* differ.
std::string serve_config_hash(const DesignPoint& point);

}  // namespace pjsim::sim
