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

std::uint64_t mix(std::uint64_t h) {  // the finaliser of splitmix64
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

}  // namespace

std::size_t TagHash::operator()(const Tag& t) const {
  const auto u = [](auto v) { return static_cast<std::uint64_t>(v); };
  const std::uint64_t kinds = u(t.action) << 56 | u(t.precision) << 48 | u(t.op) << 40 | u(t.data) << 32 |
                              u(static_cast<std::uint32_t>(t.layer));
  const std::uint64_t place = u(static_cast<std::uint32_t>(t.chip)) << 32 | u(static_cast<std::uint32_t>(t.core));
  return static_cast<std::size_t>(mix(kinds ^ mix(place)));
}

std::uint64_t* Ledger::slot(const Tag& tag) {
  const std::size_t hash = TagHash{}(tag);
  RecentTags::Slot& recent = recent_.slots[hash & (RecentTags::kSize - 1)];
  if (recent.count == nullptr || !(recent.tag == tag)) recent = {tag, &counts_[tag]};
  return recent.count;
}

const std::vector<Ledger::Entry>& Ledger::entries() const {
  if (!sorted_valid_) {
    sorted_.assign(counts_.begin(), counts_.end());
    std::sort(sorted_.begin(), sorted_.end(), [](const Entry& a, const Entry& b) { return a.first < b.first; });
    sorted_valid_ = true;
  }
  return sorted_;
}

void Ledger::clear() {
  counts_.clear();
  recent_ = RecentTags();
  totals_.fill(0);
  sorted_.clear();
  sorted_valid_ = true;
}

void Ledger::merge(const Ledger& other) {
  for (const auto& [tag, count] : other.counts_) add(tag, count);
}

}  // namespace pjsim::models
