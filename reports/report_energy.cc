#include "reports/report_energy.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace pjsim::reports {

namespace {

using models::Action;
using models::Tier;

// Summed in std::map first so the floating additions happen in one fixed order.
using Sums = std::map<std::string, double>;

Sums zeroed(const std::vector<std::string>& keys) {
  Sums s;
  for (const auto& k : keys) s[k] = 0.0;
  return s;
}

std::vector<std::string> tier_names() {
  std::vector<std::string> names;
  for (Tier t : {Tier::compute, Tier::sram, Tier::hbm, Tier::noc, Tier::ici}) names.push_back(models::to_string(t));
  return names;
}

std::vector<std::string> category_names() {
  std::vector<std::string> names;
  for (auto c : workloads::all_op_categories()) names.push_back(workloads::to_string(c));
  names.push_back(workloads::to_string(workloads::DataClass::scales));
  names.push_back(workloads::to_string(workloads::DataClass::metadata));
  return names;
}


std::vector<std::string> action_names() {
  std::vector<std::string> names;
  for (auto a : models::all_actions()) names.push_back(models::to_string(a));
  return names;
}

std::vector<std::string> data_names() {
  std::vector<std::string> names{"compute"};
  for (auto d : workloads::all_data_classes()) names.push_back(workloads::to_string(d));
  return names;
}

std::vector<std::string> layer_names(const std::vector<models::PricedEntry>& priced) {
  int highest = -1;
  for (const auto& e : priced) highest = std::max(highest, e.tag.layer);
  std::vector<std::string> names{"draft", "embedding", "head"};
  for (int l = 0; l <= highest; ++l) names.push_back(fmt::format("layer{}", l));
  return names;
}

std::vector<std::string> core_names(const RunResult& r) {
  std::vector<std::string> names;
  for (std::uint64_t c = 0; c < r.chips; ++c)
    for (std::uint64_t k = 0; k < r.cores_per_chip; ++k)
      names.push_back(core_key(static_cast<int>(c), static_cast<int>(k)));
  return names;
}

nlohmann::json to_json(const Sums& s) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : s) j[k] = v;
  return j;
}

}  // namespace

// The op's category, except that bits of group scales and sparsity metadata are their own lines
// ("scales", "metadata") so the overhead of a format is visible.
std::string op_key(const models::Tag& tag) {
  const bool overhead = tag.data == workloads::DataClass::scales || tag.data == workloads::DataClass::metadata;
  if (overhead && models::tier_of(tag.action) != models::Tier::compute) return workloads::to_string(tag.data);
  return workloads::to_string(tag.op);
}

std::string layer_key(const models::Tag& tag) {
  if (tag.op == workloads::OpCategory::draft) return "draft";
  if (tag.layer >= 0) return fmt::format("layer{}", tag.layer);
  return tag.op == workloads::OpCategory::embedding ? "embedding" : "head";
}

std::string core_key(int chip, int core) { return fmt::format("chip{}.core{}", chip, core); }

std::string data_key(const models::Tag& tag) {
  if (models::tier_of(tag.action) == Tier::compute) return "compute";
  return workloads::to_string(tag.data);
}

double static_energy_pj(const RunResult& r) {
  if (r.static_parts.empty()) return r.static_power_w * r.seconds * 1e12 * static_cast<double>(r.chips);
  double pj = 0;  // the sum of the parts, in their order
  for (const models::StaticLine& l : r.static_parts) pj += l.watts() * r.seconds * 1e12 * static_cast<double>(r.chips);
  return pj;
}

nlohmann::json energy_section(const std::vector<models::PricedEntry>& priced, const RunResult& r) {
  Sums by_tier = zeroed(tier_names());
  Sums by_op = zeroed(category_names());
  Sums by_layer = zeroed(layer_names(priced));
  Sums by_core = zeroed(core_names(r));
  Sums by_chip;
  for (std::uint64_t c = 0; c < r.chips; ++c) by_chip["chip" + std::to_string(c)] = 0.0;
  Sums by_action = zeroed(action_names());
  Sums by_data = zeroed(data_names());
  double dynamic = 0.0;

  for (const auto& e : priced) {
    dynamic += e.pj;
    by_tier[models::to_string(models::tier_of(e.tag.action))] += e.pj;
    by_op[op_key(e.tag)] += e.pj;
    by_layer[layer_key(e.tag)] += e.pj;
    by_core[core_key(e.tag.chip, e.tag.core)] += e.pj;
    by_chip["chip" + std::to_string(e.tag.chip)] += e.pj;
    by_action[models::to_string(e.tag.action)] += e.pj;
    by_data[data_key(e.tag)] += e.pj;
  }

  const double static_pj = static_energy_pj(r);
  by_tier["static"] = static_pj;
  for (auto& [chip, pj] : by_chip) pj += static_pj / static_cast<double>(std::max<std::uint64_t>(r.chips, 1));

  nlohmann::json j;
  j["total"] = dynamic + static_pj;
  j["dynamic"] = dynamic;
  j["static"] = static_pj;
  // Static energy by part (models/static_power.h): watts x seconds x chips; they sum to `static`.
  nlohmann::json by_part = nlohmann::json::object();
  if (r.static_parts.empty()) by_part["chip"] = static_pj;
  for (const models::StaticLine& l : r.static_parts)
    by_part[l.part] = l.watts() * r.seconds * 1e12 * static_cast<double>(r.chips);
  j["static_by_part"] = by_part;
  j["by_tier"] = to_json(by_tier);
  j["by_op"] = to_json(by_op);
  j["by_layer"] = to_json(by_layer);
  j["by_core"] = to_json(by_core);
  j["by_chip"] = to_json(by_chip);  // dynamic plus an equal share of static: sums to total
  j["by_action"] = to_json(by_action);
  j["by_data"] = to_json(by_data);
  return j;
}

}  // namespace pjsim::reports
