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
    return action == o.action && precision == o.precision && chip == o.chip && core == o.core && layer == o.layer &&
           op == o.op && data == o.data;
  }
};

struct TagHash {
  std::size_t operator()(const Tag& t) const {
    const auto u = [](auto v) { return static_cast<std::uint64_t>(static_cast<std::uint32_t>(v)); };
    const std::uint64_t a = u(t.action) | u(t.precision) << 8 | u(t.op) << 16 | u(t.data) << 24 | u(t.layer) << 32;
    const std::uint64_t b = u(t.chip) | u(t.core) << 32;
    const std::uint64_t h = a * 0x9E3779B97F4A7C15ull ^ b * 0xC2B2AE3D27D4EB4Full;
    return static_cast<std::size_t>(h ^ h >> 29);
  }
};

class Ledger;

/// The counters a module added to most recently, one per (action, data class, core), so that a
/// tag the module repeats (every tile of an op) costs a comparison instead of a hash lookup. Each
/// module keeps its own: the tags one module adds change slowly, the ledger's whole stream does
/// not (the chips of a mesh interleave).
class LedgerCache {
 private:
  friend class Ledger;
  struct Recent {
    Tag tag;
    std::uint64_t* count = nullptr;  // into the ledger's table (its elements never move)
  };
  std::array<Recent, 32> slots_{};
};

/// Counts are kept in a hash table (one add per transaction, millions per run); entries() sorts
/// them once, when the reports ask, into the deterministic order they print.
class Ledger {
 public:
  using Entry = std::pair<Tag, std::uint64_t>;

  void add(const Tag& tag, std::uint64_t count) {
    if (count == 0) return;
    counts_[tag] += count;
    sorted_stale_ = true;
  }
  /// The same, through the calling module's cache (used with this ledger only).
  void add(const Tag& tag, std::uint64_t count, LedgerCache& cache) {
    if (count == 0) return;
    LedgerCache::Recent& r = cache.slots_[(static_cast<unsigned>(tag.action) * 8 + static_cast<unsigned>(tag.data) +
                                           static_cast<unsigned>(tag.core) * 16) % 32];
    if (r.count == nullptr || !(r.tag == tag)) r = {tag, &counts_[tag]};
    *r.count += count;
    sorted_stale_ = true;
  }
  /// Every (tag, count), each tag once, sorted by Tag (a deterministic order). Valid until the
  /// next add or merge.
  const std::vector<Entry>& entries() const;
  std::uint64_t total(Action a) const;
  void merge(const Ledger& other);

 private:
  std::unordered_map<Tag, std::uint64_t, TagHash> counts_;
  mutable std::vector<Entry> sorted_;
  mutable bool sorted_stale_ = false;
};

}  // namespace pjsim::models
