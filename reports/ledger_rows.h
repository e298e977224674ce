// The ledger of a stored report.json, priced again from the report's own price rows: one row per
// tagged count with its energy. The finest figures of a run, for ledger.csv and the breakdowns
// of the point page (tier x data class, op, layer) that report.json does not hold.
//
// Example: the entry "hbm_read_bits|bf16|0|1|3|mlp|weights": 4096 with the price row
//   {key "arch.technology.hbm_read", pj 3.97} gives {tag, count 4096, pj_each 3.97, pj 16261.12}.
// The energies sum to energy_pj.dynamic (to rounding: the same products, summed in another order).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/ledger.h"

namespace pjsim::reports {

struct LedgerRow {
  models::Tag tag;
  std::uint64_t count = 0;
  double pj_each = 0;  ///< the price of one action (pJ/MAC, pJ/op, pJ/bit, pJ/bit/hop)
  double pj = 0;       ///< count x pj_each
};

/// Every entry of report["ledger"] with its price from report["prices"] (by models::price_key).
/// Throws std::invalid_argument naming the entry when the ledger is malformed or a price row is
/// missing (a report older than schema 1.1 has no ledger: empty result).
std::vector<LedgerRow> priced_ledger_rows(const nlohmann::json& report);

/// ledger.csv: a header, then one row per entry:
///   point,chip,core,layer,op,data,precision,action,count,pj
/// layer is -1 for ops outside the layers (embedding, final norm, LM head); precision is empty
/// for the bit-moving actions and data for mac and vector_op (they do not apply).
std::string to_ledger_csv(const nlohmann::json& report);

}  // namespace pjsim::reports
