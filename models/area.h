// The area ledger: mm^2 of a chip by component, each a count of units times mm^2 per unit with
// its source (as Accelergy's area tables price components).
//
//   component  units                                   coefficient (arch.area.*)
//   pe         PEs x (sum over the array's precisions   pe.<precision>: mm^2 per PE per MAC
//              of max(1, MACs per PE per cycle))          of that precision per cycle
//   vector     vector lanes x cores                     vector_lane
//   sram       MiB of core SRAM                         sram_per_mib
//   hbm_phy    HBM stacks                               hbm_phy
//   links      inter-chip link ports                    link
//   noc        routers (one per core)                   noc_router
//   uncore     1                                        uncore
// An array that declares no rates (every precision at 1) is counted with its bf16 datapath only.
//
// Example (tpu-v4-like): 131,072 PEs x (5e-4 bf16 + 1e-4 int8 + 0 fp32) = 78.6 mm^2 of PEs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "models/arch_params.h"

namespace pjsim::models {

struct AreaCoefficient {
  double mm2 = 0;      ///< per unit
  std::string source;
};

struct AreaParams {
  std::map<workloads::Precision, AreaCoefficient> pe;  ///< per PE, per MAC per cycle of a precision
  AreaCoefficient vector_lane, sram_per_mib, hbm_phy, link, noc_router, uncore;
};

struct AreaLine {
  std::string component;  ///< "pe", "vector", "sram", "hbm_phy", "links", "noc", "uncore"
  double units = 0;       ///< per chip
  std::string unit;       ///< "PE x MAC/cycle", "lane", "MiB", "stack", "link", "router", "chip"
  double mm2_each = 0;
  std::string source;
  double mm2() const { return units * mm2_each; }
};

/// One chip's area by component (see the table above). The PE line is one line per precision
/// ("pe.bf16", "pe.int8", ...), so a precision mode's area is visible on its own.
std::vector<AreaLine> area_lines(const ArchParams& arch, const AreaParams& area);
/// Sum of the lines, mm^2 per chip.
double area_mm2(const std::vector<AreaLine>& lines);

}  // namespace pjsim::models
