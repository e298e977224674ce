#include "models/system.h"

#include <stdexcept>
#include <string>

namespace pjsim::models {

System::System(sc_core::sc_module_name name, const ArchParams& arch, const SystemPlan& plan, Ledger& ledger,
               SimStats& stats)
    : sc_module(name), arch_(arch), mesh_(plan.topology) {
  if (mesh_.chips() > 1) interconnect_ = std::make_unique<Interconnect>("ici", mesh_, arch.link, ledger, stats);
  if (interconnect_ && arch.chip.gating.enabled)
    interconnect_->links().set_gating(seconds(arch.chip.gating.idle_threshold_s), seconds(arch.chip.gating.wake_latency_s));
  for (std::size_t c = 0; c < plan.chips.size(); ++c) {
    const std::string chip_name = "chip" + std::to_string(c);
    chips_.push_back(std::make_unique<Chip>(chip_name.c_str(), arch, static_cast<int>(c), interconnect_.get(), ledger, stats));
  }
  if (interconnect_) {
    std::vector<Core*> receivers;
    for (const auto& chip : chips_) receivers.push_back(chip->cores().front().get());
    interconnect_->attach(std::move(receivers));
  }
  start(plan);
}

void System::start(const SystemPlan& plan) {
  if (plan.chips.size() != chips_.size()) throw std::logic_error("System::start: a plan for another mesh");
  if (interconnect_) {
    std::vector<std::uint64_t> stages;
    for (const ChipPlan& chip : plan.chips) stages.push_back(chip.role.stage);
    interconnect_->start(std::move(stages));
  }
  for (std::size_t c = 0; c < plan.chips.size(); ++c) {
    const ChipPlan& chip = plan.chips[c];
    const Residency residency{chip.placement.weights_in_sram, chip.placement.kv_in_sram};
    chips_[c]->start(build_core_programs(*chip.items, arch_, residency));
  }
}

bool System::finished() const {
  for (const auto& chip : chips_)
    if (!chip->finished()) return false;
  return true;
}

}  // namespace pjsim::models
