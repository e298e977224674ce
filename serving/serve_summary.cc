#include "serving/serve_summary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pjsim::serving {

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double pos = q / 100.0 * double(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - double(lo));
}

Percentiles percentiles_of(const std::vector<double>& v) {
  Percentiles p;
  if (v.empty()) return p;
  p.mean = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
  p.p50 = percentile(v, 50);
  p.p90 = percentile(v, 90);
  p.p99 = percentile(v, 99);
  p.max = *std::max_element(v.begin(), v.end());
  return p;
}

namespace {

// Nearest-rank percentiles of (value, count) pairs.
Percentiles weighted(std::vector<std::pair<double, std::uint64_t>> v) {
  Percentiles p;
  std::uint64_t n = 0;
  double sum = 0;
  for (const auto& [x, c] : v) {
    n += c;
    sum += x * double(c);
  }
  if (n == 0) return p;
  std::sort(v.begin(), v.end());
  auto rank = [&](double q) {
    const auto want = static_cast<std::uint64_t>(std::ceil(q / 100.0 * double(n)));
    std::uint64_t seen = 0;
    for (const auto& [x, c] : v) {
      seen += c;
      if (seen >= std::max<std::uint64_t>(want, 1)) return x;
    }
    return v.back().first;
  };
  p.mean = sum / double(n);
  p.p50 = rank(50);
  p.p90 = rank(90);
  p.p99 = rank(99);
  p.max = v.back().first;
  return p;
}

Percentiles in_ms(Percentiles p) {
  for (double* x : {&p.mean, &p.p50, &p.p90, &p.p99, &p.max}) *x *= 1e3;
  return p;
}

}  // namespace

ServeSummary summarize(const ServeResult& r, const ServeSpec& spec) {
  ServeSummary s;
  std::vector<double> ttft, tpot, e2e, queue;
  std::uint64_t good = 0;
  double prompt_done = 0, latency_sum = 0;
  for (const RequestRecord& q : r.requests) {
    ++s.requests;
    if (!q.rejected.empty()) {
      ++s.rejected;
      continue;
    }
    s.preemptions += q.preemptions;
    s.preempted_requests += q.preemptions > 0;
    if (q.finish_s < 0) {
      ++s.unfinished;
      continue;
    }
    ++s.completed;
    s.input_tokens += double(q.prompt_tokens);
    s.output_tokens += double(q.output_tokens);
    s.cached_tokens += double(q.cached_tokens);
    prompt_done += double(q.prompt_tokens);
    ttft.push_back(q.ttft_s());
    e2e.push_back(q.e2e_s());
    queue.push_back(q.queueing_s());
    latency_sum += q.e2e_s();
    if (q.output_tokens > 1) tpot.push_back(q.tpot_s());
    good += q.ttft_s() <= spec.slo.ttft_s && q.tpot_s() <= spec.slo.tpot_s;
  }
  s.duration_s = r.end_s - r.first_arrival_s;
  const double d = s.duration_s > 0 ? s.duration_s : 1;
  s.request_throughput = double(s.completed) / d;
  s.input_throughput = s.input_tokens / d;
  s.output_throughput = s.output_tokens / d;
  s.ttft_ms = in_ms(percentiles_of(ttft));
  s.tpot_ms = in_ms(percentiles_of(tpot));
  s.e2e_ms = in_ms(percentiles_of(e2e));
  s.queueing_ms = in_ms(percentiles_of(queue));
  s.itl_ms = in_ms(weighted(r.itl));
  s.goodput_rps = double(good) / d;
  s.slo_attainment = s.completed ? double(good) / double(s.completed) : 0;
  s.energy_j = r.energy_pj * 1e-12;
  s.energy_per_token_j = s.output_tokens > 0 ? s.energy_j / s.output_tokens : 0;
  s.energy_per_request_j = s.completed ? s.energy_j / double(s.completed) : 0;
  const double span = r.end_s - r.first_arrival_s;
  s.avg_power_w = span > 0 ? s.energy_j / span : 0;
  s.peak_power_w = r.peak_step_watts;
  for (const auto& [k, v] : r.energy_parts) s.energy_parts_j[k] = v * 1e-12;
  s.prefix_hit_rate = prompt_done > 0 ? s.cached_tokens / prompt_done : 0;
  const double busy = r.series.total("busy");
  s.mean_batch = busy > 0 ? r.series.total("running") / busy : 0;
  const double cap = double(r.kv_capacity_blocks);
  s.mean_kv_occupancy = cap > 0 && span > 0 ? r.series.total("kv_blocks") / span / cap : 0;
  s.peak_kv_occupancy = cap > 0 ? double(r.kv_peak_blocks) / cap : 0;
  s.little_l = span > 0 ? r.series.total("in_system") / span : 0;
  s.little_lambda = double(s.completed) / d;
  s.little_w = s.completed ? latency_sum / double(s.completed) : 0;
  return s;
}

}  // namespace pjsim::serving
