// The `energy_pj` section of report.json: dynamic energy of every priced ledger entry, broken
// down six ways (tier, op category, layer, core, action, data class), plus static energy.
//
// Example: an entry {hbm_read_bits, chip 0, core 1, layer 3, mlp, weights} x 1000 at 3.97 pJ/bit
// adds 3970 pJ to by_tier.hbm, by_op.mlp, by_layer.layer3, by_core["chip0.core1"],
// by_action.hbm_read_bits and by_data.weights.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/pricing.h"
#include "reports/run_result.h"

namespace pjsim::reports {

/// The by_op key: the op's category ("mlp"), or "scales" / "metadata" for the bits of weight
/// group scales and sparsity metadata.
std::string op_key(const models::Tag& tag);
/// "layer3" for layer 3; "embedding" for layer -1 embedding ops; "head" for other layer -1 ops;
/// "draft" for every op of a speculative draft model.
std::string layer_key(const models::Tag& tag);
/// "chip0.core1".
std::string core_key(int chip, int core);
/// The data class name of a bit-moving action; "compute" for mac and vector_op.
std::string data_key(const models::Tag& tag);
/// Static energy in pJ: the sum over static parts of watts (per chip) x seconds x chips, or
/// static_power_w x seconds x chips for a run without parts.
double static_energy_pj(const RunResult& r);

/// {total, dynamic, static, by_tier, by_op, by_layer, by_core, by_action, by_data}.
/// Keys that describe a fixed vocabulary (tiers, op categories, actions, data classes, layers 0
/// to the highest counted, every core of chips x cores_per_chip) are present even when 0.
nlohmann::json energy_section(const std::vector<models::PricedEntry>& priced, const RunResult& r);

}  // namespace pjsim::reports
