#include "reports/figure_catalog.h"

#include <fnmatch.h>

namespace pjsim::reports {

namespace {

constexpr Better lower = Better::lower, higher = Better::higher, neither = Better::neither;

std::vector<FigureInfo> entries() {
  return {
      // The standard names (docs/report-schema.md#metrics), headlines in this order.
      {"metrics.energy_per_token_joules", "J/token", "energy per token of the basis (tokens.basis), static included", lower, 1},
      {"metrics.tokens_per_second", "tok/s", "tokens of the basis per simulated second", higher, 2},
      {"metrics.tpot_seconds", "s", "time per output token: seconds per decode step per accepted token of a sequence", lower, 3},
      {"metrics.ttft_seconds", "s", "time to first token: the prefill step", lower, 4},
      {"metrics.avg_power_watts", "W", "average power: energy_joules / time.seconds (all chips)", lower, 5},
      {"metrics.mfu", "-", "model FLOPs utilisation: MACs / (time.seconds x peak MAC/s)", higher, 6},
      {"metrics.energy_joules", "J", "energy of the whole run, dynamic + static", lower, 7},
      {"tokens.energy_pj_per_token", "pJ/token", "energy per token of the basis", lower, 8},
      {"tokens.per_second", "tok/s", "tokens of the basis per simulated second", higher, 9},
      {"time.seconds_per_step", "s", "step latency: time.seconds / time.steps", lower, 10},
      {"time.seconds", "s", "simulated time of the run", lower, 11},
      {"energy_pj.total", "pJ", "energy of the run: dynamic + static", lower, 12},
      {"energy_pj.dynamic", "pJ", "priced ledger: count x price of every counted action", lower, 13},
      {"energy_pj.static", "pJ", "static energy: the sum of the static parts' power x time x chips", lower, 14},
      // Breakdowns.
      // serve.json (docs/serving.md#outputs): what a deployment is judged by.
      {"metrics.output_throughput_tokens_per_sec", "tok/s", "serve: output tokens per second of the replay", higher, 15},
      {"metrics.p99_tpot_ms", "ms", "serve: 99th percentile time per output token", lower, 16},
      {"metrics.median_tpot_ms", "ms", "serve: median time per output token", lower, 17},
      {"metrics.p99_ttft_ms", "ms", "serve: 99th percentile time to first token", lower, 18},
      {"metrics.median_ttft_ms", "ms", "serve: median time to first token", lower, 19},
      {"metrics.goodput_requests_per_sec", "req/s", "serve: requests per second completed within the SLOs", higher, 20},
      {"metrics.*_ms", "ms", "serve: a latency percentile (TTFT, TPOT, ITL, end to end, queueing)", lower},
      {"metrics.slo_attainment", "-", "serve: share of requests within the SLOs", higher},
      {"metrics.request_throughput", "req/s", "serve: completed requests per second", higher},
      {"metrics.input_throughput_tokens_per_sec", "tok/s", "serve: prompt tokens per second", higher},
      {"metrics.energy_per_request_joules", "J", "serve: energy per completed request", lower},
      {"metrics.peak_power_watts", "W", "serve: the highest power of a time-series interval", lower},
      {"energy_joules.*", "J", "serve: energy of the replay (busy, idle, by tier, data class and phase)", lower},
      {"energy_pj.by_tier.static", "pJ", "static energy (leakage)", lower},
      {"energy_pj.by_tier.*", "pJ", "dynamic energy of a tier (compute, sram, hbm, noc, ici)", lower},
      {"energy_pj.by_op.*", "pJ", "dynamic energy of an op category", lower},
      {"energy_pj.by_layer.*", "pJ", "dynamic energy of a layer", lower},
      {"energy_pj.by_core.*", "pJ", "dynamic energy of a core", lower},
      {"energy_pj.by_chip.*", "pJ", "dynamic energy of a chip plus its share of static", lower},
      {"energy_pj.by_action.*", "pJ", "dynamic energy of an action", lower},
      {"energy_pj.by_data.*", "pJ", "dynamic energy of moving a data class (compute: MACs and vector ops)", lower},
      {"time.cycles", "cycle", "time.seconds x frequency", lower},
      {"time.frequency_hz", "Hz", "chip clock", neither},
      {"time.steps", "step", "steps simulated", neither},
      {"time.collective_seconds", "s", "time during which a collective moved data", lower},
      {"time.by_op.*", "s", "time of an op category: each op from the end of the previous one, mean over chips", lower},
      {"time.by_layer.*", "s", "time of a layer: its ops from the end of the previous op, mean over chips", lower},
      {"tokens.generated", "token", "new tokens produced", neither},
      {"tokens.processed", "token", "tokens whose activations went through the model", neither},
      {"tokens.accepted", "token", "speculative decoding: expected accepted tokens", higher},
      {"tokens.accepted_per_pass", "token", "speculative decoding: accepted tokens per sequence and pass", higher},
      {"counts.macs.*", "MAC", "multiply-accumulates by precision", neither},
      {"counts.vector_ops.*", "op", "vector-unit element operations by precision", neither},
      {"counts.bits.*_bit_hops", "bit-hop", "bits x hops crossed", neither},
      {"counts.bits.*", "bit", "bits read or written", neither},
      {"counts.bits_by_data.*_bit_hops.*", "bit-hop", "bits x hops crossed, by data class", neither},
      {"counts.bits_by_data.*", "bit", "bits read or written, by data class", neither},
      {"ledger.*", "count", "one tagged count of the ledger: action|precision|chip|core|layer|op|data", neither},
      {"prices.*.pj", "pJ/unit", "price of one action (the row's unit)", lower},
      {"prices.*.count", "count", "actions priced by this key", neither},
      {"prices.*.energy_pj", "pJ", "count x price", lower},
      {"prices_static.static_power_w", "W", "static power per chip", lower},
      {"prices_static.chips", "chip", "chips of the mesh", neither},
      {"prices_static.voltage_ratio", "-", "operating / nominal voltage", neither},
      {"prices_static.parts.*.units", "unit", "units of a static part per chip (the row's unit)", neither},
      {"prices_static.parts.*.watts_each", "W", "static power per unit of a part", lower},
      {"prices_static.parts.*.watts", "W", "static power of a part per chip", lower},
      {"energy_pj.static_by_part.*", "pJ", "static energy of a part (core, uncore, sram, hbm, links, chip)", lower},
      {"power.average_w.*", "W", "average power of a component over the run (all chips)", lower},
      {"power.peak_w.*", "W", "highest power of a component over the layer windows (all chips)", lower},
      {"area.lines.*.units", "unit", "units of an area component per chip (the row's unit)", neither},
      {"area.lines.*.mm2_each", "mm^2", "area per unit of a component", lower},
      {"area.lines.*.mm2", "mm^2", "area of a component per chip", lower},
      {"area.by_component_mm2.*", "mm^2", "area of a component, all chips", lower},
      {"area.per_chip_mm2", "mm^2", "area of one chip", lower},
      {"area.total_mm2", "mm^2", "area of all chips", lower},
      {"area.tokens_per_s_per_mm2", "tok/s/mm^2", "tokens per second per mm^2 of silicon", higher},
      {"area.joules_per_token", "J/token", "energy per token (metrics.energy_per_token_joules)", lower},
      {"ratios.movement_to_compute", "-", "energy of moving bits / energy of MACs", lower},
      {"ratios.hbm_bits_per_mac", "bit/MAC", "HBM bits read and written per MAC", lower},
      {"ratios.pj_per_mac_all_in", "pJ/MAC", "total energy per MAC", lower},
      {"utilisation.*", "-", "busy time / (instances x time.seconds), within [0, 1]", neither},
      {"simulation.events", "event", "transactions and waits issued to the SystemC kernel", lower},
      {"links.count", "link", "directed inter-chip links", neither},
      {"links.*utilisation", "-", "busy time / simulated time of inter-chip links", neither},
      {"links.top.*.utilisation", "-", "busy time / simulated time of one of the busiest links", neither},
      {"links.collectives", "collective", "collectives run", neither},
      {"links.collective_seconds", "s", "time during which a collective moved data", lower},
      {"placement.*", "B", "bytes a chip keeps in SRAM or HBM", neither},
      {"collectives.*.count", "collective", "collectives of this kind run", neither},
      {"collectives.*.bits", "bit", "bits collectives of this kind sent over the links (each transfer once)", lower},
      {"collectives.*.exposed_seconds", "s", "time collectives of this kind held their chips from computing", lower},
      {"collectives.*.seconds", "s", "time collectives of this kind ran, summed", lower},
      {"collectives.*.algorithms.*", "collective", "collectives of this kind run with an algorithm", neither},
      {"pipeline.stages", "stage", "pipeline stages", neither},
      {"pipeline.microbatches", "micro-batch", "micro-batches per pass", neither},
      {"pipeline.bubble", "-", "fraction of chip-time idle in the pipeline (waiting for a stage or done early)", lower},
      {"workload.moe.experts.*.tokens", "token", "tokens routed to an expert", neither},
      {"workload.moe.experts.*.weight_bits", "bit", "weight bits an expert moved", neither},
      {"workload.moe.experts.*.expert", "-", "expert index", neither},
      {"workload.moe.*", "-", "MoE routing figure", neither},
      {"workload.kv.*", "bit", "KV cache bits", neither},
      {"workload.speculative.*", "-", "speculative decoding figure", neither},
      {"config.*", "", "resolved configuration value", neither},
      {"*", "", "", neither},
  };
}

}  // namespace

const std::vector<FigureInfo>& figure_catalog() {
  static const std::vector<FigureInfo> catalog = entries();
  return catalog;
}

const FigureInfo& figure_info(const std::string& path) {
  const auto& catalog = figure_catalog();
  for (const FigureInfo& f : catalog)
    if (fnmatch(f.pattern.c_str(), path.c_str(), 0) == 0) return f;
  return catalog.back();
}

const char* to_string(Better b) {
  switch (b) {
    case Better::lower: return "lower";
    case Better::higher: return "higher";
    case Better::neither: return "neither";
  }
  return "neither";
}

}  // namespace pjsim::reports
