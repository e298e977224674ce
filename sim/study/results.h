// The results table of a study: results.csv and results.json, one row per point, failures
// included, written atomically (a temporary file renamed over the old one) so that Ctrl-C or a
// crash leaves a consistent table.
//
// Example row of results.csv (axes workload.batch and workload.precision.weights):
//   id,status,workload.batch,workload.precision.weights,config_hash,energy_pj_per_token,...,error
//   p003,ok,8,int8,9f0c2a...,1.2e+10,...,
//   p047,error,0,bf16,,,,...,"error: --set: workload.batch: 0 is out of range 1..65536"
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/study/point_pool.h"

namespace pjsim::sim {

/// results.json: {"study", "file", "points": [row...], "summary": {points, ok, failed, simulated, resumed}}.
nlohmann::json results_json(const std::string& study, const std::string& file, const std::vector<PointResult>& rows);
/// results.csv: id, status, one column per varied key, config_hash, metrics, error.
std::string results_csv(const std::vector<PointResult>& rows);
/// Writes both into dir.
void write_results(const std::filesystem::path& dir, const std::string& study, const std::string& file,
                   const std::vector<PointResult>& rows);

}  // namespace pjsim::sim
