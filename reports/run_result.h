// Everything a finished run hands to the report writers. Plain data: no SystemC, no YAML.
//
// Example: the default point gives seconds ~ 0.017, tokens_generated = 16, a ledger of a few
// thousand tagged counts, and the technology that prices them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/ledger.h"
#include "models/area.h"
#include "models/static_power.h"
#include "models/technology.h"

namespace pjsim::reports {

inline constexpr const char* kSchemaVersion = "1.3";

/// Inter-chip link utilisation (multi-chip runs).
struct LinkSummary {
  std::uint64_t count = 0;       ///< directed links
  double max_utilisation = 0;    ///< busy / simulated time of the busiest link
  double mean_utilisation = 0;
  std::string busiest;           ///< "chip3->chip7"
  /// The busiest links (at most 8), busiest first: name and utilisation.
  std::vector<std::pair<std::string, double>> top;
};

/// Where a chip keeps what it serves, in bits.
struct PlacementRow {
  std::uint64_t chip = 0;
  std::uint64_t sram_weight_bits = 0, sram_kv_bits = 0;
  std::uint64_t hbm_weight_bits = 0, hbm_kv_bits = 0, hbm_embedding_bits = 0;
};

/// Figures of the workload features beside the ledger (see reports/report_workload.h).
struct WorkloadFigures {
  /// MoE: tokens routed to each expert and weight bits (with scales and metadata) each expert
  /// moved from HBM, summed over steps and layers; empty for a dense model.
  std::vector<std::uint64_t> expert_tokens;
  std::vector<std::uint64_t> expert_weight_bits;
  std::uint64_t moe_layer_steps = 0;      ///< MoE layers x steps routed (to average distinct experts)
  std::uint64_t distinct_experts = 0;     ///< experts touched, summed over MoE layers and steps
  /// Speculative decoding: expected tokens accepted per target pass (0 = off) and passes run.
  double accepted_per_pass = 0;
  std::uint64_t target_passes = 0;
  double tokens_accepted = 0;             ///< batch x passes x accepted_per_pass (expected value)
  std::uint64_t kv_cache_bits = 0;        ///< KV held at the end of the run (target + draft)
  /// Mixed step (workload.phase mixed): decode sequences, prefill chunks, their new positions, the
  /// rows every gemm runs over (decode + chunk tokens) and the rows of the LM head.
  bool mixed = false;
  std::uint64_t decode_sequences = 0, prefill_chunks = 0, prefill_tokens = 0, gemm_rows = 0, lm_head_rows = 0;
  std::uint64_t attention_macs = 0;       ///< mixed: the closed form of workloads::attention_macs
};

/// The collectives of one kind in a run (report.json `collectives.<kind>`).
struct CollectiveRow {
  std::uint64_t count = 0;
  std::uint64_t bits = 0;          ///< bits sent over the links (each transfer once)
  double seconds = 0;              ///< start to end, summed over collectives of the kind
  double exposed_seconds = 0;      ///< of which the chips taking part could not compute
  std::map<std::string, std::uint64_t> algorithms;  ///< "ring", "one_shot", "direct" -> collectives
};

struct RunResult {
  std::string name;
  nlohmann::json config;        ///< fully resolved design point
  std::string config_hash;
  std::string phase;            ///< "prefill" or "decode"
  double seconds = 0;           ///< simulated time, from sc_time_stamp()
  std::uint64_t cycles = 0;     ///< seconds x chip frequency, rounded
  double frequency_hz = 0;
  std::uint64_t tokens_generated = 0;  ///< decode: batch x steps; prefill: batch (one next token each)
  std::uint64_t tokens_processed = 0;  ///< tokens whose activations went through the model
  double static_power_w = 0;     ///< per chip: the sum of static_parts (or a lump when there are none)
  /// Static power of one chip by component (models/static_power.h); empty: static_power_w is one lump.
  std::vector<models::StaticLine> static_parts;
  double voltage_ratio = 1;      ///< V / V_nominal: on-die dynamic energy x ratio^2 (static parts come scaled)
  std::uint64_t chips = 1;
  std::uint64_t cores_per_chip = 1;
  std::vector<models::AreaLine> area;  ///< one chip's area by component (models/area.h); empty = not given
  models::Ledger ledger;
  models::Technology technology;
  /// Busy seconds of each resource kind ("matrix", "vector", "hbm", "sram", "dma", "noc") summed over instances,
  /// with how many instances there are, for utilisation = busy / (instances x seconds).
  std::map<std::string, std::pair<double, std::uint64_t>> busy;
  LinkSummary links;
  std::vector<PlacementRow> placement;  ///< one row per chip
  double collective_seconds = 0;        ///< simulated time spent moving collectives' data
  /// Seconds per op category ("mlp") and per layer ("layer3", reports/report_energy.h layer_key):
  /// each op's time on a chip (end of the previous op to its end), averaged over chips. On one
  /// chip each map sums to `seconds`. Empty when the run did not record them.
  std::map<std::string, double> op_seconds, layer_seconds;
  std::uint64_t collectives = 0;        ///< collectives run
  /// Pipeline parallelism (report.json `pipeline`, only when stages > 1): stages, micro-batches per
  /// pass, and the bubble: the fraction of chip-time spent neither computing nor in a collective
  /// other than a pipeline receive = (sum over chips of pipeline receive waits + time after the
  /// chip finished) / (chips x seconds). Balanced stages: (P - 1) / (M + P - 1).
  std::uint64_t pipeline_stages = 1, microbatches = 1;
  std::map<std::string, CollectiveRow> collectives_by_kind;  ///< by kind, e.g. "all_reduce"; empty on one chip
  double pipeline_bubble = 0;
  std::uint64_t sim_events = 0; ///< transactions and waits issued to the SystemC kernel (deterministic)
  WorkloadFigures workload;     ///< MoE, speculative and KV figures (report.json `workload`)
};

}  // namespace pjsim::reports
