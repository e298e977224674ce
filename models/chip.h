// One chip: HBM, the on-chip network and `cores` cores, each running its program.
//
//   +--------------------------- chip ----------------------------+
//   |  core 0 (matrix, vector, sram, dma)   core 1 (...)   ...     |
//   |      |  dma          |  noc               |                  |
//   |      v               v                    v                  |
//   |    HBM (channels) <-+-> NoC (2D mesh of cores, per-link calendars)
//   +---------------------------------------------------------------+
#pragma once

#include <memory>
#include <vector>

#include <systemc>

#include "models/barrier.h"
#include "models/core.h"
#include "models/memory.h"
#include "models/noc.h"

namespace pjsim::models {

class Chip : public sc_core::sc_module {
 public:
  Chip(sc_core::sc_module_name name, const ArchParams& arch, int index, Interconnect* interconnect, Ledger& ledger,
       SimStats& stats);

  /// Hands each core its program (one per core, models/program.h) and starts them.
  void start(std::vector<CoreProgram> programs);

  Memory hbm;
  Noc noc;
  const std::vector<std::unique_ptr<Core>>& cores() const { return cores_; }
  bool finished() const;

 private:
  Barrier barrier_;
  std::vector<std::unique_ptr<Core>> cores_;
};

}  // namespace pjsim::models
