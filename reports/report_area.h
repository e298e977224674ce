// The `area` section of report.json: the area ledger (models/area.h) of one chip by component,
// the mesh's total, and the figures that weigh a design by its silicon: tokens per second per
// mm^2 and joules per token beside it.
//
// Example (tpu-v4-like, one chip): lines pe.bf16, pe.int8, pe.fp32, vector, sram, hbm_phy, links,
// noc, uncore; by_component sums them by component (pe = the sum of the pe.* lines); total_mm2 =
// per_chip_mm2 x chips.
#pragma once

#include <nlohmann/json.hpp>

#include "reports/run_result.h"

namespace pjsim::reports {

/// {lines: [...], by_component_mm2: {...}, per_chip_mm2, total_mm2, tokens_per_s_per_mm2,
/// joules_per_token}; `report` must hold metrics already.
nlohmann::json area_section(const RunResult& r, const nlohmann::json& report);

}  // namespace pjsim::reports
