#include "models/pricing.h"

namespace pjsim::models {

namespace {

const Price& require(const std::optional<Price>& p, const Tag& tag) {
  if (!p) throw MissingPrice(price_key(tag), "no price for counted action " + std::string(to_string(tag.action)));
  return *p;
}

const Price& require(const std::map<workloads::Precision, Price>& table, const Tag& tag) {
  auto it = table.find(tag.precision);
  if (it == table.end())
    throw MissingPrice(price_key(tag), "no price for counted action " + std::string(to_string(tag.action)) + " at " +
                                           workloads::to_string(tag.precision));
  return it->second;
}

}  // namespace

std::string price_key(const Tag& tag) {
  const std::string base = "arch.technology.";
  switch (tag.action) {
    case Action::mac: return base + "mac." + workloads::to_string(tag.precision);
    case Action::vector_op: return base + "vector_op." + workloads::to_string(tag.precision);
    case Action::sram_read_bits: return base + "sram_read";
    case Action::sram_write_bits: return base + "sram_write";
    case Action::hbm_read_bits: return base + "hbm_read";
    case Action::hbm_write_bits: return base + "hbm_write";
    case Action::noc_bit_hops: return base + "noc_hop";
    case Action::ici_bit_hops: return base + "ici_link";
  }
  return base;
}

const Price& price_of(const Technology& tech, const Tag& tag) {
  switch (tag.action) {
    case Action::mac: return require(tech.mac, tag);
    case Action::vector_op: return require(tech.vector_op, tag);
    case Action::sram_read_bits: return require(tech.sram_read, tag);
    case Action::sram_write_bits: return require(tech.sram_write, tag);
    case Action::hbm_read_bits: return require(tech.hbm_read, tag);
    case Action::hbm_write_bits: return require(tech.hbm_write, tag);
    case Action::noc_bit_hops: return require(tech.noc_hop, tag);
    case Action::ici_bit_hops: return require(tech.ici_link, tag);
  }
  throw MissingPrice(price_key(tag), "unknown action");
}

std::vector<PricedEntry> price_ledger(const Ledger& ledger, const Technology& tech) {
  std::vector<PricedEntry> out;
  out.reserve(ledger.entries().size());
  for (const auto& [tag, count] : ledger.entries()) {
    const Price& p = price_of(tech, tag);
    out.push_back({tag, count, &p, static_cast<double>(count) * p.pj});
  }
  return out;
}

}  // namespace pjsim::models
