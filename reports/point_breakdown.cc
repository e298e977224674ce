#include "reports/point_breakdown.h"

#include <algorithm>
#include <cstdlib>

#include "models/pricing.h"
#include "reports/ledger_rows.h"
#include "reports/report_access.h"
#include "reports/report_energy.h"
#include "reports/roofline.h"

namespace pjsim::reports {

namespace {

using models::Action;

void add_work(WorkFigures& w, const LedgerRow& r) {
  const double n = static_cast<double>(r.count);
  w.pj += r.pj;
  switch (r.tag.action) {
    case Action::mac: w.macs += n; break;
    case Action::vector_op: w.vector_ops += n; break;
    case Action::hbm_read_bits:
    case Action::hbm_write_bits: w.hbm_bits += n; break;
    case Action::sram_read_bits:
    case Action::sram_write_bits: w.sram_bits += n; break;
    case Action::ici_bit_hops: w.ici_bit_hops += n; break;
    default: break;
  }
}

void classify(WorkFigures& w, const Roofline& roof, double links) {
  const auto time = [](double work, double rate) { return rate > 0 ? work / rate : 0.0; };
  const double compute = std::max(time(w.macs, roof.peak_macs_per_s), time(w.vector_ops, roof.vector_ops_per_s));
  const double memory = std::max(time(w.hbm_bits / 8, roof.hbm_bytes_per_s), time(w.sram_bits / 8, roof.sram_bytes_per_s));
  const double link = time(w.ici_bit_hops / 8, roof.link_bytes_per_s * links);
  w.roof_seconds = std::max({compute, memory, link});
  if (w.roof_seconds <= 0) return;
  w.bound = w.roof_seconds == compute ? "compute" : w.roof_seconds == memory ? "memory" : "link";
}

}  // namespace

PointBreakdown breakdown_of(const nlohmann::json& report) {
  PointBreakdown b;
  for (const LedgerRow& r : priced_ledger_rows(report)) {
    b.tier_data_pj[models::to_string(models::tier_of(r.tag.action))][data_key(r.tag)] += r.pj;
    add_work(b.by_op[op_key(r.tag)], r);
    add_work(b.by_layer[layer_key(r.tag)], r);
    b.layer_op_pj[layer_key(r.tag)][op_key(r.tag)] += r.pj;
    if (r.tag.action == Action::mac) b.mac_pj += r.pj;
    if (r.tag.action == Action::hbm_read_bits) b.hbm_pj_per_bit = r.pj_each;
  }
  for (const auto& [op, s] : object_at(report, "/time/by_op").items())
    if (s.is_number()) b.by_op[op].seconds = s.get<double>();
  for (const auto& [layer, s] : object_at(report, "/time/by_layer").items())
    if (s.is_number()) b.by_layer[layer].seconds = s.get<double>();
  const Roofline roof = roofline_of(object_at(report, "/config"), number_at(report, "/prices_static/chips", 1));
  const double links = number_at(report, "/links/count");
  for (auto* group : {&b.by_op, &b.by_layer})
    for (auto& [key, w] : *group) classify(w, roof, links);
  return b;
}

std::vector<std::string> layer_order(const nlohmann::json& by_layer) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : by_layer.items()) keys.push_back(k);
  auto rank = [](const std::string& k) -> long {
    if (k == "embedding") return -1;
    if (k.rfind("layer", 0) == 0) return std::strtol(k.c_str() + 5, nullptr, 10);
    return k == "head" ? 1L << 30 : (1L << 30) + 1;
  };
  std::stable_sort(keys.begin(), keys.end(), [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  return keys;
}

}  // namespace pjsim::reports
