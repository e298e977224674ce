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

std::size_t TagHash::operator()(const Tag& t) const {
  // Fields packed into one word, then mixed (the finaliser of splitmix64).
  std::uint64_t h = static_cast<std::uint64_t>(t.action);
  for (std::uint64_t field : {static_cast<std::uint64_t>(t.precision), static_cast<std::uint64_t>(t.op),
                              static_cast<std::uint64_t>(t.data), static_cast<std::uint64_t>(static_cast<std::uint32_t>(t.layer)),
                              static_cast<std::uint64_t>(static_cast<std::uint32_t>(t.core)),
                              static_cast<std::uint64_t>(static_cast<std::uint32_t>(t.chip))})
    h = h * 0x100000001b3ULL ^ field;
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return static_cast<std::size_t>(h ^ (h >> 31));
}

const std::vector<Ledger::Entry>& Ledger::entries() const {
  if (!sorted_valid_) {
    sorted_.assign(counts_.begin(), counts_.end());
    std::sort(sorted_.begin(), sorted_.end(), [](const Entry& a, const Entry& b) { return a.first < b.first; });
    sorted_valid_ = true;
  }
  return sorted_;
}

void Ledger::merge(const Ledger& other) {
  for (const auto& [tag, count] : other.counts_) add(tag, count);
}

}  // namespace pjsim::models
