// The `power` section of report.json: average and peak watts of the mesh by component.
//
// Components: the dynamic tiers (compute, sram, hbm, noc, ici: their energy over the time) and
// the static parts of models/static_power.h (core, uncore, sram, hbm, links, chip: watts per chip
// x chips). Average = energy / simulated seconds. Peak = the highest power over the layer windows
// of the run (time.by_layer: each layer's ops on a chip, the resolution of the op timeline);
// a component's peak is its highest window, `total` the highest window of the sum, so the
// components' peaks need not add to it. Static parts draw the same in every window.
//
// Example: the default point averages 90 W static (40 core, 32.88 uncore, 0.32 sram, 4.8 hbm,
// 12 links) plus ~49 W dynamic, 139 W in all.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "models/pricing.h"
#include "reports/run_result.h"

namespace pjsim::reports {

/// {average_w: {dynamic: {tier: W}, static: {part: W}, total}, peak_w: {...}, window}.
nlohmann::json power_section(const std::vector<models::PricedEntry>& priced, const RunResult& r);

/// The static parts of a run (r.static_parts, or one "chip" lump of r.static_power_w).
std::vector<models::StaticLine> static_parts_of(const RunResult& r);

}  // namespace pjsim::reports
