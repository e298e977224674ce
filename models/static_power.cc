#include "models/static_power.h"

namespace pjsim::models {

namespace {

std::string source_of(const ChipParams& chip, const std::string& part) {
  const auto it = chip.static_parts.sources.find(part);
  return it == chip.static_parts.sources.end() ? std::string() : it->second;
}

}  // namespace

double voltage_ratio(const ChipParams& chip) {
  if (chip.nominal_voltage_v <= 0 || chip.voltage_v <= 0) return 1.0;
  return chip.voltage_v / chip.nominal_voltage_v;
}

std::vector<StaticLine> static_lines(const ArchParams& arch) {
  const ChipParams& c = arch.chip;
  const StaticPowerParams& p = c.static_parts;
  const double v = voltage_ratio(c);
  const double sram_mib = static_cast<double>(c.cores) * arch.core.sram.capacity_bytes / (1024.0 * 1024.0);
  return {
      {"core", static_cast<double>(c.cores), "core", p.core_w * v, source_of(c, "core")},
      {"uncore", 1, "chip", p.uncore_w * v, source_of(c, "uncore")},
      {"sram", sram_mib, "MiB", p.sram_w_per_mib * v, source_of(c, "sram")},
      {"hbm", static_cast<double>(c.hbm_stacks), "stack", p.hbm_w_per_stack, source_of(c, "hbm")},
      {"links", static_cast<double>(c.links), "link", p.link_w, source_of(c, "links")},
      {"chip", 1, "chip", c.static_power_w * v, source_of(c, "chip")},
  };
}

double static_watts(const std::vector<StaticLine>& lines) {
  double w = 0;
  for (const StaticLine& l : lines) w += l.watts();
  return w;
}

bool scales_with_voltage(Action a) {
  switch (a) {
    case Action::mac:
    case Action::vector_op:
    case Action::sram_read_bits:
    case Action::sram_write_bits:
    case Action::noc_bit_hops: return true;
    case Action::hbm_read_bits:
    case Action::hbm_write_bits:
    case Action::ici_bit_hops: return false;
  }
  return false;
}

}  // namespace pjsim::models
