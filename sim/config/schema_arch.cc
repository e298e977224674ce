// The `arch:` keys of a design point: technology prices, chip, core and topology.
#include "sim/config/schema_rows.h"

namespace pjsim::sim {

void add_arch_rows(std::vector<SchemaRow>& s) {
  using P = Presence;
  using U = UnitKind;
  add_preset_keys(s, "arch", "arch");
  add_preset_keys(s, "arch.technology", "technology");
  for (const auto& p : precision_names())
    s.push_back(price_row("arch.technology.mac." + p, U::energy, "pJ/MAC", "energy of one " + p + " multiply-accumulate"));
  for (const auto& p : precision_names())
    s.push_back(price_row("arch.technology.vector_op." + p, U::energy, "pJ/op", "energy of one " + p + " element operation on the vector unit"));
  s.push_back(price_row("arch.technology.sram_read", U::energy_per_bit, "pJ/bit", "energy per bit read from a core's local SRAM"));
  s.push_back(text_row("arch.technology.sram_read_by_capacity", "SRAM read price by capacity, \"CAP: PRICE, ...\" (e.g. \"8 KiB: 0.156 pJ/bit, 1 MiB: 1.56 pJ/bit\"); when set, the core SRAM is priced at the entry of the smallest capacity >= its own (the largest entry beyond), replacing sram_read"));
  s.push_back(price_row("arch.technology.sram_write", U::energy_per_bit, "pJ/bit", "energy per bit written to a core's local SRAM"));
  s.push_back(price_row("arch.technology.hbm_read", U::energy_per_bit, "pJ/bit", "energy per bit read from HBM (array + I/O)"));
  s.push_back(price_row("arch.technology.hbm_write", U::energy_per_bit, "pJ/bit", "energy per bit written to HBM"));
  s.push_back(price_row("arch.technology.noc_hop", U::energy_per_bit, "pJ/bit/hop", "energy per bit per on-chip router hop (router + one tile pitch of wire)"));
  s.push_back(price_row("arch.technology.ici_link", U::energy_per_bit, "pJ/bit", "energy per bit per inter-chip link crossed"));

  s.push_back(int_row("arch.chip.cores", P::defaulted, "1", 1, 4096, "cores per chip, laid out as an on-chip 2D mesh"));
  s.push_back(quantity_row("arch.chip.frequency", U::frequency, P::required, "", true, "clock of the matrix and vector units"));
  s.push_back(quantity_row("arch.chip.static_power", U::power, P::defaulted, "0 W", false, "power drawn whether busy or idle; static energy = this x simulated time"));
  s.push_back(quantity_row("arch.chip.static.core", U::power, P::defaulted, "0 W", false, "static power per core (clock tree, control, logic leakage) at the nominal voltage"));
  s.push_back(quantity_row("arch.chip.static.uncore", U::power, P::defaulted, "0 W", false, "static power of the rest of the chip (host interface, memory and link controllers, PLLs) at the nominal voltage"));
  s.push_back(quantity_row("arch.chip.static.sram_per_mib", U::power, P::defaulted, "0 W", false, "SRAM leakage per MiB of core SRAM at the nominal voltage"));
  s.push_back(quantity_row("arch.chip.static.hbm_per_stack", U::power, P::defaulted, "0 W", false, "HBM background and refresh power per stack (its own supply: no voltage scaling)"));
  s.push_back(quantity_row("arch.chip.static.link", U::power, P::defaulted, "0 W", false, "SerDes idle power per inter-chip link port (its own supply: no voltage scaling)"));
  s.push_back(bool_row("arch.chip.gating.enabled", "false", "power-gate idle cores (while their matrix units are idle) and idle inter-chip link ports"));
  s.push_back(quantity_row("arch.chip.gating.idle_threshold", U::time, P::defaulted, "1 us", false, "an idle gap longer than this is gated for the rest of the gap"));
  s.push_back(quantity_row("arch.chip.gating.wake_latency", U::time, P::defaulted, "0 ns", false, "the first request after a gated gap waits this long"));
  s.push_back(quantity_row("arch.chip.gating.wake_energy", U::energy, P::defaulted, "0 pJ", false, "energy of one wake-up of a core or link port"));
  s.push_back(number_row("arch.chip.gating.gated_fraction", P::defaulted, "0", 0, 1, "fraction of a part's static power left while it is gated"));
  s.push_back(int_row("arch.chip.links", P::defaulted, "0", 0, 64, "inter-chip link ports of a chip, for their idle power (whether or not the topology uses them)"));
  s.push_back(quantity_row("arch.chip.nominal_voltage", U::voltage, P::defaulted, "0.75 V", true, "the voltage at which prices and static parts are given"));
  s.push_back(quantity_row("arch.chip.voltage", U::voltage, P::optional, "", true, "operating voltage: on-die dynamic energy x (V / nominal)^2, core-supply static parts x V / nominal; unset = nominal"));
  s.push_back(text_row("arch.chip.dvfs", "voltage/frequency points, \"V: f, ...\" (e.g. \"0.65 V: 800 MHz, 0.75 V: 1050 MHz\"), frequencies rising with voltage; when set, arch.chip.voltage picks a point and its frequency replaces arch.chip.frequency"));
  s.push_back(quantity_row("arch.chip.hbm.capacity", U::bytes, P::required, "", true, "HBM capacity of the chip; weights + KV cache must fit"));
  s.push_back(quantity_row("arch.chip.hbm.bandwidth", U::bandwidth, P::required, "", true, "HBM bandwidth of the whole chip, all channels"));
  s.push_back(int_row("arch.chip.hbm.stacks", P::defaulted, "1", 1, 64, "HBM stacks, for their static power"));
  s.push_back(int_row("arch.chip.hbm.channels", P::defaulted, "1", 1, 1024, "independent HBM channels sharing the bandwidth"));
  s.push_back(quantity_row("arch.chip.hbm.latency", U::time, P::defaulted, "0 ns", false, "first-byte latency of one HBM transfer"));
  s.push_back(quantity_row("arch.chip.noc.link_bandwidth", U::bandwidth, P::required, "", true, "on-chip network bandwidth per router port and direction"));
  s.push_back(quantity_row("arch.chip.noc.hop_latency", U::time, P::defaulted, "0 ns", false, "latency of one router hop"));

  s.push_back(int_row("arch.core.matrix_units", P::defaulted, "1", 1, 64, "systolic matrix units per core, working on different folds"));
  s.push_back(int_row("arch.core.array.rows", P::defaulted, "128", 1, 4096, "rows of each systolic array (reduction dimension K)"));
  s.push_back(int_row("arch.core.array.cols", P::defaulted, "128", 1, 4096, "columns of each systolic array (output dimension N)"));
  s.push_back(choice_row("arch.core.array.dataflow", "ws", {"ws", "os"}, "ws = weight-stationary, os = output-stationary"));
  s.push_back(bool_row("arch.core.array.weight_double_buffer", "true", "the next fold's weights load while the current fold streams"));
  s.push_back(text_row("arch.core.array.structured_sparsity", "N:M weight patterns the array runs sparsely, comma-separated (e.g. \"2:4\"); unset = none (sparse weights run dense)"));
  s.push_back(bool_row("arch.core.array.activation_sparsity", "false", "the array gates MACs on zero activations (energy skipped, timing unchanged)"));
  for (const auto& p : precision_names())
    s.push_back(number_row("arch.core.array.macs_per_cycle." + p, P::optional, "", 0.001, 64,
                           "MACs per PE per cycle at " + p + " (a whole number, or 1/p for p passes); once any precision is listed, only the listed ones run; none listed = every precision at 1"));
  s.push_back(int_row("arch.core.vector.lanes", P::defaulted, "1024", 1, 1048576, "vector element operations per cycle per core"));
  s.push_back(quantity_row("arch.core.sram.capacity", U::bytes, P::required, "", true, "local SRAM per core"));
  s.push_back(quantity_row("arch.core.sram.bandwidth", U::bandwidth, P::required, "", true, "local SRAM bandwidth per core, reads and writes together"));
  s.push_back(quantity_row("arch.core.sram.latency", U::time, P::defaulted, "0 ns", false, "access latency of the local SRAM"));
  s.push_back(int_row("arch.core.dma.buffers", P::defaulted, "2", 1, 16, "tile buffers for streamed operands (2 = double buffering)"));
  for (const auto& p : precision_names())
    s.push_back(quantity_row("arch.area.pe." + p, U::area, P::defaulted, "0 mm^2", false, "area per PE of a " + p + " datapath, per MAC per cycle (counted for the precisions the array declares)"));
  s.push_back(quantity_row("arch.area.vector_lane", U::area, P::defaulted, "0 mm^2", false, "area per vector lane"));
  s.push_back(quantity_row("arch.area.sram_per_mib", U::area, P::defaulted, "0 mm^2", false, "area per MiB of core SRAM (bit cells and periphery)"));
  s.push_back(quantity_row("arch.area.hbm_phy", U::area, P::defaulted, "0 mm^2", false, "area of the HBM PHY and controller per stack"));
  s.push_back(quantity_row("arch.area.link", U::area, P::defaulted, "0 mm^2", false, "area of the SerDes of one inter-chip link port"));
  s.push_back(quantity_row("arch.area.noc_router", U::area, P::defaulted, "0 mm^2", false, "area of one on-chip network router (one per core)"));
  s.push_back(quantity_row("arch.area.uncore", U::area, P::defaulted, "0 mm^2", false, "area of the rest of the chip (host interface, control, PLLs, pads)"));
  s.push_back(choice_row("arch.topology.kind", "mesh2d", {"mesh2d", "torus2d", "mesh3d", "torus3d"}, "how chips are joined: a 2D or 3D mesh, or a torus (wraparound on every axis)"));
  s.push_back([] { SchemaRow r = number_row("arch.topology.dims", P::defaulted, "[1, 1]", 1, 4096, "chips along x, y (and z for 3D); whole numbers; the product is the chip count"); r.type = ValueType::number_list; return r; }());
  s.push_back(quantity_row("arch.topology.link.bandwidth", U::bandwidth, P::defaulted, "45 GB/s", true, "inter-chip link bandwidth per direction"));
  s.push_back(quantity_row("arch.topology.link.latency", U::time, P::defaulted, "1 us", false, "latency of one inter-chip hop"));
  s.push_back(choice_row("arch.topology.collectives.axes", "concurrent", {"concurrent", "sequential"}, "a collective over several mesh axes: concurrent = the buffer split over the axes in rotated order, every axis's links busy at once; sequential = one axis after another"));
  s.push_back(choice_row("arch.topology.collectives.algorithm", "auto", {"auto", "ring", "one_shot"}, "all-reduce and all-gather: ring (bandwidth-optimal), one_shot (every chip sends to every other in one step: latency-optimal), auto = the least estimated time (docs/topologies.md)"));
}

}  // namespace pjsim::sim
