// Parameters of the modelled hardware, as read from the `arch` section of a design point.
// All quantities are in SI base units (bytes, bytes/s, Hz, seconds, watts) after unit parsing.
//
// Example (tpu-v4-like preset): 2 cores at 1050 MHz, each with 4 matrix units of 128 x 128
// (weight-stationary), a 16 MiB local SRAM; 32 GiB of HBM2 at 1.2 TB/s.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "models/technology.h"
#include "topologies/collective_algorithms.h"
#include "topologies/chip_mesh.h"

namespace pjsim::models {

enum class Dataflow { weight_stationary, output_stationary };

struct MatrixUnitParams {
  std::uint64_t rows = 128;           ///< R: rows of the systolic array (reduction dimension K)
  std::uint64_t cols = 128;           ///< C: columns (output dimension N)
  std::uint64_t units = 1;            ///< matrix units per core, working on different folds
  Dataflow dataflow = Dataflow::weight_stationary;
  bool weight_double_buffer = true;   ///< next fold's weights load while the current fold streams
  /// N:M weight sparsity patterns the array executes sparsely (skipping the pruned weights),
  /// e.g. {{2, 4}}; empty = none (sparse weights then run dense). See docs/sparsity.md.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> structured_sparsity;
  bool activation_sparsity = false;   ///< MACs on zero activations are gated (skipped in energy)
  /// MACs per PE per cycle by MAC precision (docs/gemm-timing.md#rates): the precisions the array
  /// runs at all. Empty = every precision at 1 (an array that declares nothing). A whole number r
  /// makes the array act as R x rC (r MACs per PE on r adjacent outputs); 1/p runs each fold in
  /// p passes (fp32 as 6 bf16 passes).
  std::map<workloads::Precision, double> macs_per_cycle;
};

/// MACs per PE per cycle of `p` on the array: 1 when the array declares no rates, 0 when it
/// declares rates and not this one (unsupported).
double mac_rate(const MatrixUnitParams& mu, workloads::Precision p);

struct VectorUnitParams {
  std::uint64_t lanes = 1024;         ///< element operations per cycle
};

struct SramParams {
  double capacity_bytes = 16.0 * 1024 * 1024;
  double bandwidth_bytes_per_s = 0;   ///< per core, reads and writes share it
  double latency_s = 0;
};

struct DmaParams {
  std::uint64_t buffers = 2;          ///< tile buffers in SRAM for operands streamed in (2 = double buffering)
};

struct CoreParams {
  MatrixUnitParams matrix;
  VectorUnitParams vector;
  SramParams sram;
  DmaParams dma;
};

struct HbmParams {
  double capacity_bytes = 0;
  double bandwidth_bytes_per_s = 0;   ///< whole chip, all channels
  std::uint64_t channels = 1;
  double latency_s = 0;               ///< first-byte latency of one transfer
};

struct NocParams {
  double link_bandwidth_bytes_per_s = 0;  ///< per router port and direction
  double hop_latency_s = 0;
};

/// Static (idle) power by component, per unit of each (models/static_power.h). Watts at the
/// nominal voltage; sources as written in the config.
struct StaticPowerParams {
  double core_w = 0;           ///< per core: clock tree, control, logic leakage
  double uncore_w = 0;         ///< per chip: host interface, HBM and ICI controllers, PLLs, ...
  double sram_w_per_mib = 0;   ///< SRAM leakage per MiB of core SRAM
  double hbm_w_per_stack = 0;  ///< HBM background and refresh per stack
  double link_w = 0;           ///< SerDes idle power per inter-chip link port
  std::map<std::string, std::string> sources;  ///< part name -> source
};

/// Power gating of idle cores and inter-chip link ports (docs/energy-model.md#power-gating).
struct GatingParams {
  bool enabled = false;
  double idle_threshold_s = 0;  ///< an idle gap longer than this is gated for the rest of it
  double wake_latency_s = 0;    ///< the next request waits this long
  double wake_energy_j = 0;     ///< per wake-up
  double gated_fraction = 0;    ///< leakage left while gated
};

struct ChipParams {
  std::uint64_t cores = 1;            ///< laid out as an on-chip 2D mesh (see topologies/core_mesh.h)
  double frequency_hz = 1e9;
  double static_power_w = 0;          ///< a lump of static power per chip beside the parts below
  StaticPowerParams static_parts;
  std::uint64_t hbm_stacks = 1;       ///< HBM stacks (static power per stack)
  std::uint64_t links = 0;            ///< inter-chip link ports of the chip (SerDes idle power)
  double nominal_voltage_v = 0.75;    ///< the voltage prices and static parts are given at
  double voltage_v = 0.75;            ///< operating voltage (dynamic ~ V^2, leakage ~ V)
  GatingParams gating;
  HbmParams hbm;
  NocParams noc;
};

/// Inter-chip links (ICI): every directed link of the topology.
struct LinkParams {
  double bandwidth_bytes_per_s = 0;  ///< per link and direction
  double latency_s = 0;              ///< per hop
  /// Collectives over several axes: concurrent (parts of the buffer on every axis at once) or
  /// sequential (one axis after another); topologies/collective_algorithms.h.
  topologies::AxisSchedule axis_schedule = topologies::AxisSchedule::concurrent;
  /// all-reduce and all-gather: ring, one-shot, or auto (least estimated time).
  topologies::Algorithm algorithm = topologies::Algorithm::automatic;
};

struct ArchParams {
  std::string name;
  Technology technology;
  ChipParams chip;
  CoreParams core;
  topologies::TopologySpec topology;  ///< chips in a 2D/3D mesh or torus; default one chip
  LinkParams link;
};

}  // namespace pjsim::models
