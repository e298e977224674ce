// The breakdowns of a point's page that report.json does not hold as such, from its priced
// ledger (reports/ledger_rows.h) and its time by op and layer: energy by tier x data class,
// and per op category and per layer the energy, time, work and what bounds it.
//
// What bounds an op: the largest of its lower-bound times on the machine,
//   compute = max(MACs / peak MAC/s, vector ops / peak vector ops/s)
//   memory  = max(HBM bytes / HBM bandwidth, SRAM bytes / SRAM bandwidth)
//   link    = ICI bytes crossed per link / link bandwidth / links   (meshes of chips)
// (rates of the whole machine, reports/roofline.h). Example: a decode MLP at batch 16 reads
// 117 MB of weights per layer-step for 29 GMAC: memory 98 us against compute 0.2 us ->
// "memory"; `roof_seconds` is that largest lower bound, `seconds` what the simulation took.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace pjsim::reports {

struct WorkFigures {
  double pj = 0;            ///< dynamic energy
  double seconds = 0;       ///< simulated time (time.by_op / time.by_layer), 0 when not recorded
  double macs = 0, vector_ops = 0;
  double hbm_bits = 0, sram_bits = 0, ici_bit_hops = 0;
  std::string bound;        ///< "compute", "memory", "link", or "" without work
  double roof_seconds = 0;  ///< the largest lower-bound time (see above)
};

struct PointBreakdown {
  /// tier (compute, sram, hbm, noc, ici) -> data class (weights, kv, ..., compute) -> pJ.
  std::map<std::string, std::map<std::string, double>> tier_data_pj;
  std::map<std::string, WorkFigures> by_op;     ///< keys as energy_pj.by_op
  std::map<std::string, WorkFigures> by_layer;  ///< keys as energy_pj.by_layer
  /// layer -> op -> pJ, for the per-layer stack.
  std::map<std::string, std::map<std::string, double>> layer_op_pj;
  double mac_pj = 0;        ///< energy of every mac action
  double hbm_pj_per_bit = 0;  ///< price of an HBM read bit (the energy roofline's memory slope)
};

/// Throws std::invalid_argument when the report's ledger is malformed (reports/ledger_rows.h).
PointBreakdown breakdown_of(const nlohmann::json& report);

/// Network order of by_layer keys: embedding, layer0 .. layerN, head, draft.
std::vector<std::string> layer_order(const nlohmann::json& by_layer);

}  // namespace pjsim::reports
