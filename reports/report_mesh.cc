#include "reports/report_mesh.h"

namespace pjsim::reports {

nlohmann::json links_section(const RunResult& r) {
  nlohmann::json top = nlohmann::json::array();
  for (const auto& [link, utilisation] : r.links.top) top.push_back({{"link", link}, {"utilisation", utilisation}});
  return {{"count", r.links.count},
          {"top", top},
          {"max_utilisation", r.links.max_utilisation},
          {"mean_utilisation", r.links.mean_utilisation},
          {"busiest", r.links.busiest},
          {"collectives", r.collectives},
          {"collective_seconds", r.collective_seconds}};
}

nlohmann::json placement_section(const RunResult& r) {
  auto bytes = [](std::uint64_t bits) { return bits / 8; };
  nlohmann::json chips = nlohmann::json::array();
  std::uint64_t sram_w = 0, sram_kv = 0, hbm_w = 0, hbm_kv = 0, hbm_emb = 0;
  for (const PlacementRow& p : r.placement) {
    chips.push_back({{"chip", p.chip},
                     {"sram", {{"weights", bytes(p.sram_weight_bits)}, {"kv", bytes(p.sram_kv_bits)}}},
                     {"hbm",
                      {{"weights", bytes(p.hbm_weight_bits)},
                       {"kv", bytes(p.hbm_kv_bits)},
                       {"embedding", bytes(p.hbm_embedding_bits)}}}});
    sram_w += p.sram_weight_bits;
    sram_kv += p.sram_kv_bits;
    hbm_w += p.hbm_weight_bits;
    hbm_kv += p.hbm_kv_bits;
    hbm_emb += p.hbm_embedding_bits;
  }
  return {{"chips", chips},
          {"totals",
           {{"sram", {{"weights", bytes(sram_w)}, {"kv", bytes(sram_kv)}}},
            {"hbm", {{"weights", bytes(hbm_w)}, {"kv", bytes(hbm_kv)}, {"embedding", bytes(hbm_emb)}}}}}};
}

}  // namespace pjsim::reports
