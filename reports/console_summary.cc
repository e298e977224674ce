#include <fmt/format.h>

#include "reports/report.h"
#include "reports/report_access.h"
#include "reports/si_format.h"

namespace pjsim::reports {

namespace {

constexpr const char* kTiers[] = {"compute", "sram", "hbm", "noc", "ici", "static"};

std::string joules(double pj) { return si_format(pj * 1e-12, "J"); }

// "decode, batch 16" from the resolved config; either part is dropped when the config lacks it.
std::string workload_line(const nlohmann::json& report) {
  const std::string phase = string_at(report, "/config/workload/phase", string_at(report, "/phase"));
  const double batch = number_at(report, "/config/workload/batch", -1);
  std::string line = phase;
  if (batch >= 0) line += fmt::format("{}batch {}", line.empty() ? "" : ", ", static_cast<long long>(batch));
  const auto chunks = nlohmann::json::json_pointer("/workload/mixed/prefill_chunks");
  if (report.contains(chunks))  // a mixed step: "mixed, batch 64, 1 prefill chunk (512 tokens)"
    line += fmt::format(", {} prefill chunk{} ({} tokens)", static_cast<long long>(number_at(report, "/workload/mixed/prefill_chunks")),
                        number_at(report, "/workload/mixed/prefill_chunks") == 1 ? "" : "s",
                        static_cast<long long>(number_at(report, "/workload/mixed/prefill_tokens")));
  return line;
}

}  // namespace

std::string console_summary(const nlohmann::json& report) {
  const double total = number_at(report, "/energy_pj/total");
  const double steps = number_at(report, "/time/steps", 1);
  const std::string basis = string_at(report, "/tokens/basis", "generated");

  std::string out = fmt::format("pjsim  {}  {}\n", string_at(report, "/name", "?"), workload_line(report));
  auto row = [&out](const std::string& label, const std::string& value) {
    out += fmt::format("  {:<18}{}\n", label, value);
  };
  const std::string latency = si_format(number_at(report, "/time/seconds"), "s");
  row("latency", steps > 1 ? fmt::format("{}  ({} steps, {} per step)", latency, static_cast<long long>(steps),
                                         si_format(number_at(report, "/time/seconds_per_step"), "s"))
                           : latency);
  row("tokens/s", si_format(number_at(report, "/tokens/per_second"), "tok/s"));
  const double per_token = number_at(report, "/tokens/energy_pj_per_token");
  row("energy/token", fmt::format("{}  ({:.4g} pJ per {} token)", joules(per_token), per_token, basis));
  row("energy total", fmt::format("{}  (dynamic {}, static {})", joules(total),
                                  joules(number_at(report, "/energy_pj/dynamic")),
                                  joules(number_at(report, "/energy_pj/static"))));
  out += "  energy by tier\n";
  for (const char* tier : kTiers) {
    const double pj = number_at(report, std::string("/energy_pj/by_tier/") + tier);
    out += fmt::format("    {:<10}{:>10}  {:>7}\n", tier, joules(pj), percent(pj, total));
  }
  row("movement/compute", fmt::format("{:.3g} x", number_at(report, "/ratios/movement_to_compute")));
  return out;
}

}  // namespace pjsim::reports
