// The headline figures of a serving replay, named as measured serving results are published
// (vLLM's benchmark_serving, MLPerf inference, ML.ENERGY): throughputs, latency percentiles,
// goodput under SLOs, energy per output token and average power.
//
// Percentiles: linear between order statistics (numpy's default) over completed requests; the
// inter-token latency (ITL) percentiles are over every token gap, nearest rank. TPOT of a
// request is (end - first token) / (output - 1), over requests with more than one output token.
// Goodput: completed requests meeting both SLOs (TTFT <= slo.ttft and TPOT <= slo.tpot) per
// second. Little's law: L = time-averaged requests in the system (from the time series), lambda
// = completed / duration, W = mean end-to-end latency.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "serving/replay.h"
#include "serving/serve_spec.h"

namespace pjsim::serving {

struct Percentiles {
  double mean = 0, p50 = 0, p90 = 0, p99 = 0, max = 0;
};

struct ServeSummary {
  std::uint64_t requests = 0, completed = 0, rejected = 0, unfinished = 0;
  std::uint64_t preempted_requests = 0, preemptions = 0;
  double duration_s = 0;  ///< first arrival to the end of the last step
  double input_tokens = 0, output_tokens = 0, cached_tokens = 0;
  double request_throughput = 0, input_throughput = 0, output_throughput = 0;  ///< per second
  Percentiles ttft_ms, tpot_ms, itl_ms, e2e_ms, queueing_ms;
  double goodput_rps = 0, slo_attainment = 0;
  double energy_j = 0, energy_per_token_j = 0, energy_per_request_j = 0, avg_power_w = 0, peak_power_w = 0;
  std::map<std::string, double> energy_parts_j;
  double prefix_hit_rate = 0;  ///< cached prompt tokens / prompt tokens of completed requests
  double mean_batch = 0, mean_kv_occupancy = 0, peak_kv_occupancy = 0;
  double little_l = 0, little_lambda = 0, little_w = 0;
};

/// Linear percentile (q in [0, 100]) of unsorted values; 0 for none.
double percentile(std::vector<double> values, double q);
Percentiles percentiles_of(const std::vector<double>& values);

ServeSummary summarize(const ServeResult& r, const ServeSpec& spec);

}  // namespace pjsim::serving
