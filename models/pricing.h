// Count, then price: turns a Ledger's counts into picojoules with a Technology table.
//
// Example: {mac, bf16} x 8.03e9 at 0.6 pJ/MAC -> 4.82e9 pJ in tier "compute".
// A counted action whose price is missing is an error (MissingPrice), never an implicit zero.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "models/ledger.h"
#include "models/technology.h"

namespace pjsim::models {

class MissingPrice : public std::runtime_error {
 public:
  /// key_path: the technology key that needs a value, e.g. "arch.technology.mac.int4".
  MissingPrice(const std::string& key_path, const std::string& message)
      : std::runtime_error(message), key_path(key_path) {}
  std::string key_path;
};

struct PricedEntry {
  Tag tag;
  std::uint64_t count = 0;
  const Price* price = nullptr;  ///< points into the Technology given to price_ledger
  double pj = 0;                 ///< count x price->pj
};

/// The price of one tagged action, or MissingPrice naming the YAML key that would supply it.
const Price& price_of(const Technology& tech, const Tag& tag);
/// Every ledger entry with its price and energy, in the ledger's deterministic order.
std::vector<PricedEntry> price_ledger(const Ledger& ledger, const Technology& tech);
/// The YAML key path of the price used for a tag ("arch.technology.hbm_read").
std::string price_key(const Tag& tag);

}  // namespace pjsim::models
