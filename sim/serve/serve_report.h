// What `pjsim serve` writes (docs/serving.md#outputs): serve.json (schema kServeSchema: the
// summary, energy by tier, data class and phase, the time series), requests.csv (one row per
// request), serve.md (the summary tables) and serve.html (time series and latency CDFs).
// Field names follow published serving results: output_throughput_tokens_per_sec,
// mean_ttft_ms, p99_tpot_ms, mean_itl_ms, energy_per_token_joules, avg_power_watts.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "serving/replay.h"
#include "serving/serve_summary.h"

namespace pjsim::sim {

inline constexpr const char* kServeSchema = "1.0";

struct ServeFacts {
  std::string name;           ///< the point's name
  std::string model, arch;
  std::string requests;       ///< where requests came from ("trace azure.csv", "generator poisson 2/s")
  std::string costs;          ///< "bucketed" or "exact"
  std::uint64_t chips = 1;
  std::uint64_t kv_block_tokens = 0;
  std::uint64_t kv_bits_per_token = 0;
  double idle_watts = 0;
  nlohmann::json config;      ///< the run config (resolved) and serving keys
  std::string config_hash;
  std::string serve_hash;     ///< config and serving keys (serve_config_hash): what studies resume by
};

nlohmann::json serve_json(const serving::ServeResult& r, const serving::ServeSummary& s, const ServeFacts& f);
std::string requests_csv(const serving::ServeResult& r);
std::string serve_markdown(const nlohmann::json& serve);
std::string serve_html(const nlohmann::json& serve, const serving::ServeResult& r);

}  // namespace pjsim::sim
