// The energy ledger: integer counts of actions, tagged with where and why they happened.
// Models count (never price); price_ledger() in models/pricing.h turns counts into picojoules.
//
// Example: a DMA moving a 4 MiB weight tile of layer 3's gate_up into core 1's SRAM adds
//   {hbm_read_bits, chip 0, core 1, layer 3, mlp, weights} += 33554432 and
//   {sram_write_bits, chip 0, core 1, layer 3, mlp, weights} += 33554432.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "workloads/op_graph.h"
#include "workloads/precision.h"

namespace pjsim::models {

enum class Action { mac, vector_op, sram_read_bits, sram_write_bits, hbm_read_bits, hbm_write_bits, noc_bit_hops, ici_bit_hops };
/// Energy tiers of the report: compute, sram, hbm, noc, ici (static is added by pricing).
enum class Tier { compute, sram, hbm, noc, ici };

const char* to_string(Action a);
const char* to_string(Tier t);
const std::vector<Action>& all_actions();
Tier tier_of(Action a);

struct Tag {
  Action action = Action::mac;
  workloads::Precision precision = workloads::Precision::bf16;  ///< mac and vector_op only
  int chip = 0;
  int core = 0;
  int layer = -1;
  workloads::OpCategory op = workloads::OpCategory::projection;
  workloads::DataClass data = workloads::DataClass::activations;  ///< bits only

  bool operator<(const Tag& o) const {
    return std::tie(action, precision, chip, core, layer, op, data) <
           std::tie(o.action, o.precision, o.chip, o.core, o.layer, o.op, o.data);
  }
};

class Ledger {
 public:
  void add(const Tag& tag, std::uint64_t count) {
    if (count) counts_[tag] += count;
  }
  /// Every (tag, count), in a deterministic order.
  const std::map<Tag, std::uint64_t>& entries() const { return counts_; }
  std::uint64_t total(Action a) const;
  void merge(const Ledger& other);

 private:
  std::map<Tag, std::uint64_t> counts_;
};

}  // namespace pjsim::models
