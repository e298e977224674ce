#include "reports/report_counts.h"

#include <cstdint>
#include <map>

namespace pjsim::reports {

namespace {

using models::Action;

nlohmann::json per_precision(const models::Ledger& ledger, Action action) {
  std::map<std::string, std::uint64_t> counts;
  for (auto p : workloads::all_precisions()) counts[workloads::to_string(p)] = 0;
  std::uint64_t total = 0;
  for (const auto& [tag, count] : ledger.entries()) {
    if (tag.action != action) continue;
    counts[workloads::to_string(tag.precision)] += count;
    total += count;
  }
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, count] : counts) j[name] = count;
  j["total"] = total;
  return j;
}

std::vector<Action> bit_actions() {
  std::vector<Action> out;
  for (Action a : models::all_actions())
    if (!bits_key(a).empty()) out.push_back(a);
  return out;
}

}  // namespace

std::string bits_key(Action a) {
  switch (a) {
    case Action::mac:
    case Action::vector_op: return "";
    case Action::sram_read_bits: return "sram_read";
    case Action::sram_write_bits: return "sram_write";
    case Action::hbm_read_bits: return "hbm_read";
    case Action::hbm_write_bits: return "hbm_write";
    case Action::noc_bit_hops: return "noc_bit_hops";
    case Action::ici_bit_hops: return "ici_bit_hops";
  }
  return "";
}

nlohmann::json counts_section(const models::Ledger& ledger) {
  nlohmann::json bits = nlohmann::json::object();
  nlohmann::json by_data = nlohmann::json::object();
  for (Action a : bit_actions()) {
    bits[bits_key(a)] = std::uint64_t{0};
    for (auto d : workloads::all_data_classes()) by_data[bits_key(a)][workloads::to_string(d)] = std::uint64_t{0};
  }
  for (const auto& [tag, count] : ledger.entries()) {
    const std::string key = bits_key(tag.action);
    if (key.empty()) continue;
    bits[key] = bits[key].get<std::uint64_t>() + count;
    auto& cell = by_data[key][workloads::to_string(tag.data)];
    cell = cell.get<std::uint64_t>() + count;
  }

  nlohmann::json j;
  j["macs"] = per_precision(ledger, Action::mac);
  j["vector_ops"] = per_precision(ledger, Action::vector_op);
  j["bits"] = bits;
  j["bits_by_data"] = by_data;
  return j;
}

nlohmann::json prices_section(const std::vector<models::PricedEntry>& priced) {
  struct Row {
    const models::PricedEntry* first = nullptr;
    std::uint64_t count = 0;
    double energy_pj = 0;
  };
  std::map<std::string, Row> rows;
  for (const auto& e : priced) {
    Row& row = rows[models::price_key(e.tag)];
    if (!row.first) row.first = &e;
    row.count += e.count;
    row.energy_pj += e.pj;
  }

  nlohmann::json out = nlohmann::json::array();
  for (const auto& [key, row] : rows) {
    const models::Price& price = *row.first->price;
    out.push_back({{"key", key},
                   {"action", models::to_string(row.first->tag.action)},
                   {"pj", price.pj},
                   {"unit", price.unit},
                   {"source", price.source},
                   {"count", row.count},
                   {"energy_pj", row.energy_pj}});
  }
  return out;
}

}  // namespace pjsim::reports
