// The `ledger` section of report.json: every tagged count the models recorded, so a stored
// report can be priced again with another technology table without simulating (pjsim reprice).
//
// An object with one key per entry, "action|precision|chip|core|layer|op|data" -> count, so each
// entry is one line of report.json and `pjsim diff` matches entries by their tags.
// Example: the ledger entry {hbm_read_bits, bf16, chip 0, core 1, layer 3, mlp, weights} x 4096
// is written as  "hbm_read_bits|bf16|0|1|3|mlp|weights": 4096  (layer -1 is written "-1"),
// and ledger_from_json() gives back a Ledger equal to the original, entry by entry, so
// price_ledger() over it sums the same doubles in the same (Tag-sorted) order.
#pragma once

#include <nlohmann/json.hpp>

#include "models/ledger.h"

namespace pjsim::reports {

/// {"action|precision|chip|core|layer|op|data": count, ...}.
nlohmann::json ledger_section(const models::Ledger& ledger);

/// The inverse of ledger_section. Throws std::invalid_argument naming the bad entry
/// ("ledger.foo|bf16|0|0|3|mlp|weights: unknown action 'foo'") when one is malformed.
models::Ledger ledger_from_json(const nlohmann::json& entries);

}  // namespace pjsim::reports
