#include "models/ledger.h"

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

std::uint64_t Ledger::total(Action a) const {
  std::uint64_t sum = 0;
  for (const auto& [tag, count] : counts_)
    if (tag.action == a) sum += count;
  return sum;
}

void Ledger::merge(const Ledger& other) {
  for (const auto& [tag, count] : other.counts_) counts_[tag] += count;
}

}  // namespace pjsim::models
