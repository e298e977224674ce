// The `counts` and `prices` sections of report.json: the integers the models counted and the
// price applied to each, so a reader can check every energy as count x price.
//
// Example: two entries {mac, bf16} x 100 on core 0 and x 50 on core 1 give
//   counts.macs = {"bf16": 150, ..., "total": 150} and one price row
//   {key: "arch.technology.mac.bf16", action: "mac", pj: 0.6, unit: "pJ/MAC", count: 150,
//    energy_pj: 90.0, source: "..."}.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/ledger.h"
#include "models/pricing.h"

namespace pjsim::reports {

/// The `counts.bits` key of a bit-moving action ("sram_read", "noc_bit_hops"); empty for
/// mac and vector_op.
std::string bits_key(models::Action a);

/// {macs, vector_ops, bits, bits_by_data}: unsigned integers; every precision, bit key and
/// data class present (0 when unused).
nlohmann::json counts_section(const models::Ledger& ledger);

/// One row per distinct price key used by the ledger, sorted by key; count and energy_pj are
/// summed over every entry priced by that key.
nlohmann::json prices_section(const std::vector<models::PricedEntry>& priced);

}  // namespace pjsim::reports
