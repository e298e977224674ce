// The energy ledger: integer counts of actions, tagged with where and why they happened.
// Models count (never price); price_ledger() in models/pricing.h turns counts into picojoules.
//
// Example: a DMA moving a 4 MiB weight tile of layer 3's gate_up into core 1's SRAM adds
//   {hbm_read_bits, chip 0, core 1, layer 3, mlp, weights} += 33554432 and
//   {sram_write_bits, chip 0, core 1, layer 3, mlp, weights} += 33554432.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
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
  bool operator==(const Tag& o) const {
    return std::tie(action, precision, chip, core, layer, op, data) ==
           std::tie(o.action, o.precision, o.chip, o.core, o.layer, o.op, o.data);
  }
};

struct TagHash {
  std::size_t operator()(const Tag& t) const;
};

/// Counts by tag. Models add to it on every transaction, so adding is a hash-table update (a
/// 64-chip run holds hundreds of thousands of tags, where a tree's lookups were a profile's top
/// hot spot, docs/performance.md), served first from a small cache of the tags added lately
/// (the ops in flight); entries() sorts once, after the run, for the reports.
class Ledger {
 public:
  using Entry = std::pair<Tag, std::uint64_t>;

  void add(const Tag& tag, std::uint64_t count) {
    if (!count) return;
    *slot(tag) += count;
    totals_[static_cast<std::size_t>(tag.action)] += count;
    sorted_valid_ = false;
  }
  /// Every (tag, count), ordered by tag (deterministic). Valid until the next add().
  const std::vector<Entry>& entries() const;
  std::uint64_t total(Action a) const { return totals_[static_cast<std::size_t>(a)]; }
  void merge(const Ledger& other);
  /// Forgets every count (between the steps of a serving replay, each step's ledger apart).
  void clear();

 private:
  /// The count of `tag`, created at zero. Elements of an unordered_map never move, so the cache
  /// holds pointers to them; a copied ledger starts with an empty cache (RecentTags).
  std::uint64_t* slot(const Tag& tag);

  struct RecentTags {
    static constexpr std::size_t kSize = 1024;  // a power of two
    struct Slot {
      Tag tag;
      std::uint64_t* count = nullptr;
    };
    std::vector<Slot> slots = std::vector<Slot>(kSize);
    RecentTags() = default;
    RecentTags(const RecentTags&) {}
    RecentTags& operator=(const RecentTags&) {
      slots.assign(kSize, Slot{});
      return *this;
    }
  };

  std::unordered_map<Tag, std::uint64_t, TagHash> counts_;
  RecentTags recent_;
  static constexpr std::size_t kActions = static_cast<std::size_t>(Action::ici_bit_hops) + 1;
  std::array<std::uint64_t, kActions> totals_{};  ///< by Action
  mutable std::vector<Entry> sorted_;      ///< entries(), rebuilt after adds
  mutable bool sorted_valid_ = true;
};

}  // namespace pjsim::models
