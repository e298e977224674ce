#include <algorithm>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>

#include "reports/report.h"
#include "reports/report_access.h"
#include "reports/si_format.h"

namespace pjsim::reports {

namespace {

std::string joules(double pj) { return si_format(pj * 1e-12, "J"); }

// A price source may quote a table ("a | b"): an unescaped bar would split the cell.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string count_text(const nlohmann::json& v) {
  return v.is_number_unsigned() ? std::to_string(v.get<std::uint64_t>()) : v.dump();
}

// JSON objects sort keys as strings ("layer10" < "layer2"); a reader wants the network's
// order: embedding, layer0..layerN-1, head.
std::vector<std::string> layer_order(const nlohmann::json& by_layer) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : by_layer.items()) keys.push_back(k);
  auto rank = [](const std::string& k) -> long {
    if (k == "embedding") return -1;
    if (k.rfind("layer", 0) == 0) return std::strtol(k.c_str() + 5, nullptr, 10);
    return 1L << 30;
  };
  std::stable_sort(keys.begin(), keys.end(),
                   [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  return keys;
}

void share_table(std::string& out, const std::string& title, const std::string& what, const nlohmann::json& parts,
                 const std::vector<std::string>& order, double whole) {
  out += fmt::format("\n## {}\n\n| {} | pJ | share |\n|---|---:|---:|\n", title, what);
  for (const auto& k : order) {
    const double pj = parts.contains(k) && parts[k].is_number() ? parts[k].get<double>() : 0.0;
    out += fmt::format("| {} | {:.6g} | {} |\n", cell(k), pj, percent(pj, whole));
  }
}

std::vector<std::string> keys_of(const nlohmann::json& obj) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : obj.items()) keys.push_back(k);
  return keys;
}

void key_figures(std::string& out, const nlohmann::json& r) {
  const std::string basis = string_at(r, "/tokens/basis", "generated");
  const double per_token = number_at(r, "/tokens/energy_pj_per_token");
  out += "\n## Key figures\n\n| figure | value |\n|---|---:|\n";
  out += fmt::format("| tokens/s ({}) | {} |\n", basis, si_format(number_at(r, "/tokens/per_second"), "tok/s"));
  out += fmt::format("| energy per {} token | {} ({:.6g} pJ) |\n", basis, joules(per_token), per_token);
  out += fmt::format("| step latency | {} |\n", si_format(number_at(r, "/time/seconds_per_step"), "s"));
  out += fmt::format("| simulated time, {} step(s) | {} |\n", static_cast<long long>(number_at(r, "/time/steps", 1)),
                     si_format(number_at(r, "/time/seconds"), "s"));
  out += fmt::format("| energy total | {} |\n", joules(number_at(r, "/energy_pj/total")));
  out += fmt::format("| movement / compute energy | {:.4g} |\n", number_at(r, "/ratios/movement_to_compute"));
  out += fmt::format("| HBM bits per MAC | {:.4g} |\n", number_at(r, "/ratios/hbm_bits_per_mac"));
  out += fmt::format("| pJ per MAC, all in | {:.4g} |\n", number_at(r, "/ratios/pj_per_mac_all_in"));
}

void counts(std::string& out, const nlohmann::json& r) {
  out += "\n## Counts\n\n| count | precision | value |\n|---|---|---:|\n";
  for (const char* kind : {"macs", "vector_ops"}) {
    for (const auto& [precision, v] : object_at(r, std::string("/counts/") + kind).items())
      if (precision == "total" || (v.is_number() && v.get<double>() != 0))
        out += fmt::format("| {} | {} | {} |\n", kind, cell(precision), count_text(v));
  }
  const auto& by_data = object_at(r, "/counts/bits_by_data");
  std::vector<std::string> classes;
  if (!by_data.empty()) classes = keys_of(by_data.begin().value());
  out += "\n| bits | total";
  for (const auto& c : classes) out += " | " + cell(c);
  out += " |\n|---|---:";
  for (std::size_t i = 0; i < classes.size(); ++i) out += "|---:";
  out += "|\n";
  for (const auto& [key, total] : object_at(r, "/counts/bits").items()) {
    out += fmt::format("| {} | {}", cell(key), count_text(total));
    for (const auto& c : classes) {
      const auto& row = object_at(r, "/counts/bits_by_data/" + key);
      out += " | " + (row.contains(c) ? count_text(row[c]) : std::string("0"));
    }
    out += " |\n";
  }
}

void prices(std::string& out, const nlohmann::json& r) {
  out += "\n## Prices\n\n| key | price | count | energy pJ | source |\n|---|---:|---:|---:|---|\n";
  if (r.contains("prices") && r["prices"].is_array()) {
    for (const auto& p : r["prices"]) {
      out += fmt::format("| {} | {:.6g} {} | {} | {:.6g} | {} |\n", cell(p.value("key", "")), p.value("pj", 0.0),
                         cell(p.value("unit", "")), count_text(p.value("count", nlohmann::json(0))),
                         p.value("energy_pj", 0.0), cell(p.value("source", "")));
    }
  }
  out += fmt::format("\nStatic power: {:.6g} W per chip x {} chips.\n", number_at(r, "/prices_static/static_power_w"),
                     static_cast<long long>(number_at(r, "/prices_static/chips", 1)));
}

void utilisation(std::string& out, const nlohmann::json& r) {
  const auto& u = object_at(r, "/utilisation");
  if (u.empty()) return;
  out += "\n## Utilisation\n\n| resource | busy |\n|---|---:|\n";
  for (const auto& [k, v] : u.items())
    out += fmt::format("| {} | {} |\n", cell(k), percent(v.is_number() ? v.get<double>() : 0.0, 1.0));
}

}  // namespace

std::string to_markdown(const nlohmann::json& r) {
  std::string out = fmt::format("# pjsim report: {}\n\n", cell(string_at(r, "/name", "?")));
  out += fmt::format("Schema {}, pjsim {}, technology `{}`, config hash `{}`, phase {}.\n",
                     string_at(r, "/schema_version"), string_at(r, "/pjsim_version"), string_at(r, "/technology"),
                     string_at(r, "/config_hash"), string_at(r, "/phase"));
  key_figures(out, r);

  const double total = number_at(r, "/energy_pj/total");
  const double dynamic = number_at(r, "/energy_pj/dynamic");
  share_table(out, "Energy by tier (share of total)", "tier", object_at(r, "/energy_pj/by_tier"),
              {"compute", "sram", "hbm", "noc", "ici", "static"}, total);
  const auto& by_op = object_at(r, "/energy_pj/by_op");
  share_table(out, "Energy by op (share of dynamic)", "op", by_op, keys_of(by_op), dynamic);
  const auto& by_data = object_at(r, "/energy_pj/by_data");
  share_table(out, "Energy by data (share of dynamic)", "data", by_data, keys_of(by_data), dynamic);
  const auto& by_layer = object_at(r, "/energy_pj/by_layer");
  share_table(out, "Energy by layer (share of dynamic)", "layer", by_layer, layer_order(by_layer), dynamic);

  counts(out, r);
  prices(out, r);
  utilisation(out, r);
  const auto& simulation = object_at(r, "/simulation");
  out += fmt::format("\nSimulation events: {}.\n", count_text(simulation.value("events", nlohmann::json(0))));
  return out;
}

}  // namespace pjsim::reports
