// Fuzz target: the bytes are a study YAML file (sim/study/spec.h), parsed and expanded into its
// points as `pjsim sweep` would before running anything; the first point is then loaded
// like design points (without SystemC) when the study's base is a preset or the default point.
// A UserError is the expected outcome of bad input; anything else escaping is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "sim/config/errors.h"
#include "sim/config/load.h"
#include "sim/config/presets.h"
#include "sim/study/limits.h"
#include "sim/study/spec.h"

namespace {

// The loader refuses studies over 100000 points; expanding that many per input would make
// fuzzing slow, so larger (valid) studies are parsed and counted only.
constexpr std::uint64_t kExpandAtMost = 2000;
constexpr std::size_t kLoadPoints = 1;

void load_points(const pjsim::sim::StudySpec& study) {
  if (!study.base.empty() && !pjsim::sim::preset_text("point", study.base)) return;  // no files from fuzz input
  const auto points = pjsim::sim::expand_points(study);
  for (std::size_t i = 0; i < points.size() && i < kLoadPoints; ++i) {
    pjsim::sim::LoadRequest request;
    request.point_file = study.base;
    request.sets = pjsim::sim::to_sets(study.base_set);
    const auto extra = pjsim::sim::to_sets(points[i].settings);
    request.sets.insert(request.sets.end(), extra.begin(), extra.end());
    try {
      pjsim::sim::load_design_point(request);
    } catch (const pjsim::sim::UserError& e) {
      pjsim::fuzz::check_user_error(e.what());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const pjsim::sim::StudySpec study = pjsim::sim::parse_study(text, "fuzz.yaml");
    if (pjsim::sim::study_point_count(study) <= kExpandAtMost) load_points(study);
  } catch (const pjsim::sim::UserError& e) {
    pjsim::fuzz::check_user_error(e.what());
  }
  return 0;
}
