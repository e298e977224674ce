#include "models/area.h"

#include <algorithm>

namespace pjsim::models {

std::vector<AreaLine> area_lines(const ArchParams& arch, const AreaParams& area) {
  const ChipParams& c = arch.chip;
  const MatrixUnitParams& mu = arch.core.matrix;
  const double cores = static_cast<double>(c.cores);
  const double pes = cores * static_cast<double>(mu.units * mu.rows * mu.cols);
  std::vector<AreaLine> lines;
  std::map<workloads::Precision, double> modes = mu.macs_per_cycle;
  if (modes.empty()) modes[workloads::Precision::bf16] = 1.0;
  for (const auto& [p, rate] : modes) {
    const auto it = area.pe.find(p);
    const AreaCoefficient k = it == area.pe.end() ? AreaCoefficient{} : it->second;
    lines.push_back({"pe." + workloads::to_string(p), pes * std::max(1.0, rate), "PE x MAC/cycle", k.mm2, k.source});
  }
  const double sram_mib = cores * arch.core.sram.capacity_bytes / (1024.0 * 1024.0);
  lines.push_back({"vector", cores * static_cast<double>(arch.core.vector.lanes), "lane", area.vector_lane.mm2,
                   area.vector_lane.source});
  lines.push_back({"sram", sram_mib, "MiB", area.sram_per_mib.mm2, area.sram_per_mib.source});
  lines.push_back({"hbm_phy", static_cast<double>(c.hbm_stacks), "stack", area.hbm_phy.mm2, area.hbm_phy.source});
  lines.push_back({"links", static_cast<double>(c.links), "link", area.link.mm2, area.link.source});
  lines.push_back({"noc", cores, "router", area.noc_router.mm2, area.noc_router.source});
  lines.push_back({"uncore", 1, "chip", area.uncore.mm2, area.uncore.source});
  return lines;
}

double area_mm2(const std::vector<AreaLine>& lines) {
  double mm2 = 0;
  for (const AreaLine& l : lines) mm2 += l.mm2();
  return mm2;
}

}  // namespace pjsim::models
