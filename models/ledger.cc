#include "models/ledger.h"

#include <algorithm>

namespace pjsim::models {

const char* to_string(Action a) {
  switch (a) {
    case Action::mac: return "mac";
    case Action::vector_op: return "vector_op";
    case Action::sram_read_bits: return "sram_read_bits";
    case Action::sram_write_bits: return "sram_write_bits";
    case Action::hbm_read_bits: return "hbm_read_bits";
    case Action::hbm_write_bits: return "hbm_write_bits";
    case Action::noc_bit_hops: return "noc_bit_hops";
    case Action::ici_bit_hops: return "ici_bit_hops";
  }
  return "?";
}

const char* to_string(Tier t) {
  switch (t) {
    case Tier::compute: return "compute";
    case Tier::sram: return "sram";
    case Tier::hbm: return "hbm";
    case Tier::noc: return "noc";
    case Tier::ici: return "ici";
  }
  return "?";
}

const std::vector<Action>& all_actions() {
  static const std::vector<Action> all = {Action::mac,           Action::vector_op,      Action::sram_read_bits,
                                          Action::sram_write_bits, Action::hbm_read_bits, Action::hbm_write_bits,
                                          Action::noc_bit_hops,  Action::ici_bit_hops};
  return all;
}

Tier tier_of(Action a) {
  switch (a) {
    case Action::mac:
    case Action::vector_op: return Tier::compute;
    case Action::sram_read_bits:
    case Action::sram_write_bits: return Tier::sram;
    case Action::hbm_read_bits:
    case Action::hbm_write_bits: return Tier::hbm;
    case Action::noc_bit_hops: return Tier::noc;
    case Action::ici_bit_hops: return Tier::ici;
  }
  return Tier::compute;
}

namespace {

// A Tag as two words whose lexicographic order is Tag's order (action, precision, chip, core,
// layer, op, data): enums in 8 bits (checked by fits_key), ints offset to unsigned 32 bits.
struct SortKey {
  std::uint64_t hi, lo;
  const std::pair<const Tag, std::uint64_t>* entry;
  bool operator<(const SortKey& o) const { return hi != o.hi ? hi < o.hi : lo < o.lo; }
};

std::uint64_t biased(int v) { return static_cast<std::uint32_t>(v) ^ 0x80000000u; }
std::uint64_t small(int v) { return static_cast<std::uint64_t>(v); }

bool fits_key(const Tag& t) {
  for (int v : {static_cast<int>(t.action), static_cast<int>(t.precision), static_cast<int>(t.op), static_cast<int>(t.data)})
    if (v < 0 || v > 255) return false;
  return true;
}

SortKey sort_key(const std::pair<const Tag, std::uint64_t>& e) {
  const Tag& t = e.first;
  const std::uint64_t core = biased(t.core);
  return {small(static_cast<int>(t.action)) << 56 | small(static_cast<int>(t.precision)) << 48 | biased(t.chip) << 16 |
              core >> 16,
          (core & 0xffff) << 48 | biased(t.layer) << 16 | small(static_cast<int>(t.op)) << 8 | small(static_cast<int>(t.data)),
          &e};
}

}  // namespace

const std::vector<Ledger::Entry>& Ledger::entries() const {
  if (!sorted_stale_) return sorted_;
  sorted_.assign(counts_.begin(), counts_.end());
  // Sorting packed keys is several times faster than comparing Tags field by field.
  std::vector<SortKey> keys;
  keys.reserve(counts_.size());
  for (const auto& e : counts_) {
    if (!fits_key(e.first)) break;
    keys.push_back(sort_key(e));
  }
  if (keys.size() == counts_.size()) {
    std::sort(keys.begin(), keys.end());
    for (std::size_t i = 0; i < keys.size(); ++i) sorted_[i] = *keys[i].entry;
  } else {
    std::sort(sorted_.begin(), sorted_.end(), [](const Entry& a, const Entry& b) { return a.first < b.first; });
  }
  sorted_stale_ = false;
  return sorted_;
}

std::uint64_t Ledger::total(Action a) const {
  std::uint64_t sum = 0;
  for (const auto& [tag, count] : counts_)
    if (tag.action == a) sum += count;
  return sum;
}

void Ledger::merge(const Ledger& other) {
  for (const auto& [tag, count] : other.counts_) add(tag, count);
}

}  // namespace pjsim::models
