// A study file: a base design point and the settings that vary over it (docs/studies.md).
//
// Example (studies/batching.yaml):
//   study: batching
//   base: llama-3-8b-decode.yaml          # a point file (beside the study, or from the cwd),
//                                         # a point preset name, or omitted: the default point
//   set: {workload.context_tokens: 1024}  # optional: applied to every point
//   axes:                                 # cartesian product, first key varies slowest
//     workload.batch: [1, 8, 64, 256]
//     workload.precision.weights: [bf16, int8]
//   zip:                                  # optional: each group's lists vary together
//     - {workload.phase: [prefill, decode], workload.prompt_tokens: [2048, 1]}
//   filters:                              # optional: drop combinations
//     - skip_if: {workload.precision.weights: int8, workload.batch: 1}
//   points:                               # optional: extra points appended after the product
//     - {workload.batch: 512}
//   command: run                          # optional: serve replays each point's request stream
//                                         # (`pjsim serve`, serving.* keys; docs/serving.md#studies)
//   skip_invalid: false                   # optional: true drops points that fail validation
//                                         # (e.g. "does not fit in HBM") instead of recording them
// expand_points() gives 4 x 2 x 2 - 2 + 1 = 15 points "p000".."p014", each a list of
// key=value settings applied as `--set` overrides after `set:`.
// Unknown study keys and unknown design-point keys are one-line UserErrors at file:line:col; so is
// a key that two axes (or an axis and a zip group) would both set, or a key and a section that
// holds it (workload.precision.weights and workload.precision): the later would silently win.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/config/errors.h"

namespace pjsim::sim {

/// One `key.path=value` override; value is YAML text ("16 MiB", "int8", "{base: tpu-7nm}").
struct Override {
  std::string key;
  std::string value;
  Location where{};  ///< where a study file wrote the value, for errors; empty file: --set
};
using Overrides = std::vector<Override>;

/// "key=value" strings for LoadRequest::sets.
std::vector<std::string> to_sets(const Overrides& overrides);
/// Where each of to_sets(overrides) was written, for LoadRequest::set_locations.
std::vector<Location> set_locations(const Overrides& overrides);

/// The overrides as tables and pages show them: a value longer than kShownValueBytes is cut to
/// its start and its size and content hash ("aaaa... [15728640 bytes, fnv1a64:...]"), so that a
/// 15 MiB axis value is not copied into every row, label and tooltip while distinct values stay
/// distinct. The points themselves get the whole value (to_sets).
constexpr std::size_t kShownValueBytes = 200;
Overrides shown_overrides(const Overrides& overrides);

struct StudyAxis {
  std::string key;
  std::vector<std::string> values;  ///< YAML text of each value, as written
  Location where;                   ///< of the key, for errors naming two places
  std::vector<Location> value_where{};  ///< of each value, for errors about a point that has it
};

/// A candidate of a comparison: the baseline plus `set`, whose keys form features.
struct CompareCandidate {
  std::string name;
  Overrides set;
  /// Features in order of application: a name and the keys it changes. Default: one feature
  /// per key of `set`, in the order written.
  std::vector<std::pair<std::string, std::vector<std::string>>> features;
};

struct StudySpec {
  std::string name;
  std::string description;
  std::string file;        ///< where the study came from ("studies/batching.yaml", "preset:default")
  std::string base;        ///< LoadRequest::point_file: a path, a point preset name, or "" (default point)
  Overrides base_set;       ///< `point:` (inline base) then `set:`
  std::vector<StudyAxis> axes;
  std::vector<std::vector<StudyAxis>> zips;
  std::vector<Overrides> skip_if;
  std::vector<Overrides> extra_points;
  bool skip_invalid = false;
  std::string command = "run";  ///< `command:` what each point runs: "run" (report.json) or "serve" (serve.json)
  std::vector<CompareCandidate> candidates;  ///< `compare:`; empty when the study is a sweep
};

struct StudyPoint {
  std::string id;      ///< "p000", stable for a given study file (used by --resume and diff)
  Overrides settings;   ///< the varied keys of this point (after base_set)
};

/// Parses a study from YAML text; `file` names it in errors and locates `base:` paths.
StudySpec parse_study(const std::string& text, const std::string& file);
/// Reads a study file, or the embedded study of that name (studies/*.yaml) when no such file exists.
StudySpec load_study(const std::string& file_or_name);
/// Names of the embedded studies.
std::vector<std::string> embedded_study_names();
/// Cartesian product of axes x each zip group, minus filtered combinations, then extra points.
std::vector<StudyPoint> expand_points(const StudySpec& study);

}  // namespace pjsim::sim
