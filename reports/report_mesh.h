// Report sections of a multi-chip run: inter-chip link use and where each chip keeps its data.
//
//   "links": {"count": 384, "max_utilisation": 0.31, "mean_utilisation": 0.08, "busiest": "chip0->chip1"},
//   "placement": {"chips": [{"chip": 0, "sram": {"weights": 2.3e8, "kv": 0}, "hbm": {...}}, ...],
//                 "totals": {"sram": {"weights": .., "kv": ..}, "hbm": {"weights": .., "kv": .., "embedding": ..}}}
// Bytes throughout. A single-chip run has one placement row and zero links.
#pragma once

#include <nlohmann/json.hpp>

#include "reports/run_result.h"

namespace pjsim::reports {

nlohmann::json links_section(const RunResult& r);
nlohmann::json placement_section(const RunResult& r);

}  // namespace pjsim::reports
