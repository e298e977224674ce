// The results table of a study: results.csv and results.json, one row per point, failures
// included, written atomically (a temporary file renamed over the old one) so that Ctrl-C or a
// crash leaves a consistent table.
//
// Example row of results.csv (axes workload.batch and workload.precision.weights): the settings,
// then context columns (model, phase, batch, context_tokens, prompt_tokens, weights, arch, chips,
// technology), the standard names (energy_per_token_joules, tokens_per_second, tpot_seconds,
// ttft_seconds, avg_power_watts, mfu), then pjsim's figures and the error:
//   id,status,workload.batch,workload.precision.weights,model,phase,...,energy_per_token_joules,...,error
//   p003,ok,8,int8,llama-3-8b,decode,...,0.0153,...,
//   p047,error,0,bf16,,,,...,"--set: workload.batch: 0 is out of range 1..65536"
// A cell that does not apply (ttft_seconds of a decode point, figures of a failed point) is empty.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/study/point_pool.h"

namespace pjsim::sim {

/// results.json: {"study", "file", "points": [row...], "summary": {points, ok, failed, skipped, simulated,
/// resumed}}; each row's settings are JSON values (16, "int8", 0.5), its metrics and context numbers.
nlohmann::json results_json(const std::string& study, const std::string& file, const std::vector<PointResult>& rows);
/// A setting's YAML text as a JSON value: "16" -> 16, "0.5" -> 0.5, "int8" -> "int8", "{a: 1}" -> {"a": 1}.
nlohmann::json setting_json(const std::string& yaml_text);
/// results.csv: id, status, one column per varied key, context, config_hash, metrics, error.
std::string results_csv(const std::vector<PointResult>& rows);
/// Writes both into dir.
void write_results(const std::filesystem::path& dir, const std::string& study, const std::string& file,
                   const std::vector<PointResult>& rows);

}  // namespace pjsim::sim
