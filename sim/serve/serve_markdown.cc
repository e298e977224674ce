#include <fmt/format.h>

#include "sim/serve/serve_report.h"

namespace pjsim::sim {

std::string serve_markdown(const nlohmann::json& j) {
  const nlohmann::json& m = j.at("metrics");
  auto num = [&](const char* key) { return m.at(key).get<double>(); };
  std::string md = fmt::format("# pjsim serve: {}\n\n{} on {} ({} chips); requests: {}; step costs: {}.\n\n",
                               j.at("name").get<std::string>(), j.at("model").get<std::string>(),
                               j.at("arch").get<std::string>(), j.at("chips").get<std::uint64_t>(),
                               j.at("requests_from").get<std::string>(), j.at("step_costs").get<std::string>());
  if (j.at("partial").get<bool>()) md += "**Partial:** " + j.at("partial_reason").get<std::string>() + "\n\n";
  md += "| figure | value |\n|---|---:|\n";
  md += fmt::format("| requests (completed / rejected / unfinished) | {} / {} / {} |\n", m.at("completed").get<std::uint64_t>(),
                    m.at("rejected").get<std::uint64_t>(), m.at("unfinished").get<std::uint64_t>());
  md += fmt::format("| preempted requests (preemptions) | {} ({}) |\n", m.at("preempted_requests").get<std::uint64_t>(),
                    m.at("preemptions").get<std::uint64_t>());
  md += fmt::format("| duration | {:.3f} s |\n", num("duration_s"));
  md += fmt::format("| output throughput | {:.1f} tokens/s |\n", num("output_throughput_tokens_per_sec"));
  md += fmt::format("| input throughput | {:.1f} tokens/s |\n", num("input_throughput_tokens_per_sec"));
  md += fmt::format("| goodput (SLO attainment) | {:.3f} req/s ({:.1f} %) |\n", num("goodput_requests_per_sec"),
                    100 * num("slo_attainment"));
  md += fmt::format("| energy per output token | {:.4g} J |\n", num("energy_per_token_joules"));
  md += fmt::format("| energy per request | {:.4g} J |\n", num("energy_per_request_joules"));
  md += fmt::format("| average / peak power | {:.1f} W / {:.1f} W |\n", num("avg_power_watts"), num("peak_power_watts"));
  md += fmt::format("| mean batch / peak | {:.1f} / {} |\n", num("mean_batch"), m.at("peak_batch").get<std::uint64_t>());
  md += fmt::format("| KV occupancy mean / peak | {:.1f} % / {:.1f} % |\n", 100 * num("mean_kv_occupancy"),
                    100 * num("peak_kv_occupancy"));
  md += fmt::format("| prefix hit rate | {:.1f} % |\n", 100 * num("prefix_hit_rate"));
  md += "\n## Latency (ms)\n\n| | mean | p50 | p90 | p99 | max |\n|---|---:|---:|---:|---:|---:|\n";
  for (const char* k : {"ttft", "tpot", "itl", "e2el", "queueing"})
    md += fmt::format("| {} | {:.2f} | {:.2f} | {:.2f} | {:.2f} | {:.2f} |\n", k, m.at(fmt::format("mean_{}_ms", k)).get<double>(),
                      m.at(fmt::format("median_{}_ms", k)).get<double>(), m.at(fmt::format("p90_{}_ms", k)).get<double>(),
                      m.at(fmt::format("p99_{}_ms", k)).get<double>(), m.at(fmt::format("max_{}_ms", k)).get<double>());
  const nlohmann::json& e = j.at("energy_joules");
  md += "\n## Energy (J)\n\n| family | part | J | share |\n|---|---|---:|---:|\n";
  const double total = e.at("total").get<double>();
  for (const char* fam : {"by_phase", "by_tier", "by_data"})
    for (const auto& [k, v] : e.at(fam).items())
      md += fmt::format("| {} | {} | {:.4g} | {:.1f} % |\n", fam + 3, k, v.get<double>(),
                        total > 0 ? 100 * v.get<double>() / total : 0.0);
  const nlohmann::json& s = j.at("steps");
  md += fmt::format("\nSteps: {} ({} simulated by the SystemC model). Little's law: L {:.3f} = lambda {:.3f}/s x W {:.3f} s.\n",
                    s.at("count").get<std::uint64_t>(), s.at("simulated").get<std::uint64_t>(),
                    j.at("littles_law").at("mean_in_system").get<double>(), j.at("littles_law").at("arrival_rate").get<double>(),
                    j.at("littles_law").at("mean_latency_s").get<double>());
  return md;
}

}  // namespace pjsim::sim
