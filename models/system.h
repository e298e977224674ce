// The whole machine: the chips of the mesh, each with its programs, and the inter-chip links.
// Built for a SystemPlan (models/system_plan.h), whose programs start at once; start() hands it
// the next plan of the same mesh after sc_start() has returned (a serving replay runs one step
// per plan, each continuing from the simulated time the last one ended at).
//
//   System
//    ├─ Interconnect (ICI links of the chip mesh, collectives)      [when there is more than one chip]
//    └─ Chip 0 .. Chip n-1 (HBM, NoC, cores)
#pragma once

#include <memory>
#include <vector>

#include <systemc>

#include "models/chip.h"
#include "models/interconnect.h"
#include "models/system_plan.h"

namespace pjsim::models {

class System : public sc_core::sc_module {
 public:
  System(sc_core::sc_module_name name, const ArchParams& arch, const SystemPlan& plan, Ledger& ledger, SimStats& stats);

  /// Runs `plan` (same mesh and arch) from the current simulated time; the previous plan must be
  /// finished.
  void start(const SystemPlan& plan);

  const std::vector<std::unique_ptr<Chip>>& chips() const { return chips_; }
  /// nullptr for a lone chip.
  const Interconnect* interconnect() const { return interconnect_.get(); }
  bool finished() const;

 private:
  const ArchParams& arch_;
  topologies::ChipMesh mesh_;
  std::unique_ptr<Interconnect> interconnect_;
  std::vector<std::unique_ptr<Chip>> chips_;
};

}  // namespace pjsim::models
