#include "reports/report_ledger.h"

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace pjsim::reports {

namespace {

// Inverse of a to_string over a closed vocabulary: the vocabulary's own to_string is the only
// table, so there is no second list to keep in sync.
template <typename Enum, typename Names>
Enum parse_name(const Names& all, const std::string& name, const std::string& where, const char* what) {
  for (Enum e : all)
    if (name == workloads::to_string(e)) return e;
  throw std::invalid_argument(where + ": unknown " + what + " '" + name + "'");
}

models::Action parse_action(const std::string& name, const std::string& where) {
  for (models::Action a : models::all_actions())
    if (name == models::to_string(a)) return a;
  throw std::invalid_argument(where + ": unknown action '" + name + "'");
}

int parse_int(const std::string& text, const std::string& where) {
  std::size_t used = 0;
  int value = 0;
  try {
    value = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty()) throw std::invalid_argument(where + ": not an integer '" + text + "'");
  return value;
}

std::vector<std::string> split(const std::string& key) {
  std::vector<std::string> parts;
  std::stringstream ss(key);
  std::string part;
  while (std::getline(ss, part, '|')) parts.push_back(part);
  return parts;
}

}  // namespace

nlohmann::json ledger_section(const models::Ledger& ledger) {
  // Keys sorted first, then appended at the end of the object (a std::map): a 64-chip run has
  // hundreds of thousands of entries, and inserting each by lookup was a hot spot of its report.
  std::vector<std::pair<std::string, std::uint64_t>> rows;
  rows.reserve(ledger.entries().size());
  for (const auto& [tag, count] : ledger.entries())
    rows.emplace_back(fmt::format("{}|{}|{}|{}|{}|{}|{}", models::to_string(tag.action),
                                  workloads::to_string(tag.precision), tag.chip, tag.core, tag.layer,
                                  workloads::to_string(tag.op), workloads::to_string(tag.data)),
                      count);
  std::sort(rows.begin(), rows.end());
  nlohmann::json out = nlohmann::json::object();
  auto& object = out.get_ref<nlohmann::json::object_t&>();
  for (auto& [key, count] : rows) object.emplace_hint(object.end(), std::move(key), count);
  return out;
}

models::Ledger ledger_from_json(const nlohmann::json& entries) {
  if (!entries.is_object()) throw std::invalid_argument("ledger: not an object");
  models::Ledger ledger;
  for (const auto& [key, count] : entries.items()) {
    const std::string where = "ledger." + key;
    const std::vector<std::string> f = split(key);
    if (f.size() != 7) throw std::invalid_argument(where + ": expected action|precision|chip|core|layer|op|data");
    // A parsed report holds unsigned integers; a literal built in code may be signed.
    if (!count.is_number_integer() || count.get<std::int64_t>() < 0) throw std::invalid_argument(where + ": count is not a non-negative integer");
    models::Tag tag;
    tag.action = parse_action(f[0], where);
    const auto precision = workloads::parse_precision(f[1]);
    if (!precision) throw std::invalid_argument(where + ": unknown precision '" + f[1] + "'");
    tag.precision = *precision;
    tag.chip = parse_int(f[2], where);
    tag.core = parse_int(f[3], where);
    tag.layer = parse_int(f[4], where);
    tag.op = parse_name<workloads::OpCategory>(workloads::all_op_categories(), f[5], where, "op");
    tag.data = parse_name<workloads::DataClass>(workloads::all_data_classes(), f[6], where, "data class");
    ledger.add(tag, count.get<std::uint64_t>());
  }
  return ledger;
}

}  // namespace pjsim::reports
