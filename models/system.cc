#include "models/system.h"

#include <string>

namespace pjsim::models {

System::System(sc_core::sc_module_name name, const ArchParams& arch, const SystemPlan& plan, Ledger& ledger,
               SimStats& stats)
    : sc_module(name), mesh_(plan.topology) {
  if (mesh_.chips() > 1) {
    std::vector<std::uint64_t> stages;
    for (const ChipPlan& chip : plan.chips) stages.push_back(chip.role.stage);
    interconnect_ = std::make_unique<Interconnect>("ici", mesh_, arch.link, std::move(stages), ledger, stats);
  }
  for (std::size_t c = 0; c < plan.chips.size(); ++c) {
    const ChipPlan& chip = plan.chips[c];
    const Residency residency{chip.placement.weights_in_sram, chip.placement.kv_in_sram};
    const std::string chip_name = "chip" + std::to_string(c);
    chips_.push_back(std::make_unique<Chip>(chip_name.c_str(), arch, static_cast<int>(c),
                                            build_core_programs(*chip.items, arch, residency), interconnect_.get(),
                                            ledger, stats));
  }
}

bool System::finished() const {
  for (const auto& chip : chips_)
    if (!chip->finished()) return false;
  return true;
}

}  // namespace pjsim::models
