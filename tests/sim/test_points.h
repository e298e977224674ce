// Design points for tests: the embedded default with --set-style overrides, loaded in-process
// (no simulation), to state closed forms with the same numbers a run uses.
#pragma once

#include <string>
#include <vector>

#include "sim/config/load.h"

namespace pjsim::testing {

inline sim::DesignPoint point_with(const std::vector<std::string>& sets) {
  sim::LoadRequest request;
  request.sets = sets;
  return sim::load_design_point(request);
}

/// `base` followed by `more`.
inline std::vector<std::string> with(std::vector<std::string> base, const std::vector<std::string>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

}  // namespace pjsim::testing
