#include "reports/ledger_rows.h"

#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "models/pricing.h"
#include "reports/csv_field.h"
#include "reports/report_ledger.h"

namespace pjsim::reports {

std::vector<LedgerRow> priced_ledger_rows(const nlohmann::json& report) {
  std::vector<LedgerRow> rows;
  if (!report.is_object() || !report.contains("ledger")) return rows;
  std::map<std::string, double> prices;
  if (report.contains("prices") && report["prices"].is_array())
    for (const auto& p : report["prices"])
      if (p.is_object() && p.contains("key") && p["key"].is_string() && p.contains("pj") && p["pj"].is_number())
        prices[p["key"].get<std::string>()] = p["pj"].get<double>();
  const models::Ledger ledger = ledger_from_json(report["ledger"]);
  rows.reserve(ledger.entries().size());
  for (const auto& [tag, count] : ledger.entries()) {
    const std::string key = models::price_key(tag);
    const auto it = prices.find(key);
    if (it == prices.end()) throw std::invalid_argument("ledger: no price row for " + key);
    rows.push_back({tag, count, it->second, static_cast<double>(count) * it->second});
  }
  return rows;
}

std::string to_ledger_csv(const nlohmann::json& report) {
  const std::string point = csv_field(report.value("name", ""));
  std::string out = "point,chip,core,layer,op,data,precision,action,count,pj\n";
  for (const LedgerRow& r : priced_ledger_rows(report)) {
    const bool compute = models::tier_of(r.tag.action) == models::Tier::compute;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", point, r.tag.chip, r.tag.core, r.tag.layer,
                       workloads::to_string(r.tag.op), compute ? "" : workloads::to_string(r.tag.data),
                       compute ? workloads::to_string(r.tag.precision) : "", models::to_string(r.tag.action), r.count,
                       nlohmann::json(r.pj).dump());
  }
  return out;
}

}  // namespace pjsim::reports
