#include "models/chip.h"

#include <string>

namespace pjsim::models {

Chip::Chip(sc_core::sc_module_name name, const ArchParams& arch, int index, Interconnect* interconnect, Ledger& ledger,
           SimStats& stats)
    : sc_module(name),
      hbm("hbm", hbm_memory(arch.chip.hbm), ledger),
      noc("noc", arch.chip.noc, arch.chip.cores, ledger),
      barrier_(arch.chip.cores) {
  for (std::uint64_t c = 0; c < arch.chip.cores; ++c) {
    const std::string core_name = "core" + std::to_string(c);
    cores_.push_back(std::make_unique<Core>(core_name.c_str(), arch, index, static_cast<int>(c), barrier_, interconnect,
                                            ledger, stats));
    cores_.back()->dma.hbm_socket.bind(hbm.socket);
    cores_.back()->noc_socket.bind(noc.socket);
  }
}

void Chip::start(std::vector<CoreProgram> programs) {
  for (std::size_t c = 0; c < cores_.size(); ++c) cores_[c]->start(std::move(programs.at(c)));
}

bool Chip::finished() const {
  for (const auto& core : cores_)
    if (!core->finished()) return false;
  return true;
}

}  // namespace pjsim::models
