#include "sim/study/results.h"

#include <algorithm>

#include <fmt/format.h>

#include "reports/atomic_file.h"
#include "reports/csv_field.h"

namespace pjsim::sim {

namespace {

using reports::csv_field;

std::vector<std::string> varied_keys(const std::vector<PointResult>& rows) {
  std::vector<std::string> keys;
  for (const auto& r : rows)
    for (const auto& o : r.varied)
      if (std::find(keys.begin(), keys.end(), o.key) == keys.end()) keys.push_back(o.key);
  return keys;
}

std::string value_of(const PointResult& r, const std::string& key) {
  for (const auto& o : r.varied)
    if (o.key == key) return o.value;
  return "";
}

std::string number(double v) { return nlohmann::json(v).dump(); }

}  // namespace

nlohmann::json results_json(const std::string& study, const std::string& file, const std::vector<PointResult>& rows) {
  nlohmann::json points = nlohmann::json::array();
  std::size_t ok = 0, resumed = 0;
  for (const auto& r : rows) {
    nlohmann::json settings = nlohmann::json::object();
    for (const auto& o : r.varied) settings[o.key] = o.value;
    nlohmann::json row = {{"id", r.id},         {"status", r.status}, {"settings", settings},
                          {"config_hash", r.config_hash}, {"error", r.error}, {"resumed", r.resumed},
                          {"report", r.report}, {"exit_code", r.exit_code}, {"signal", r.signal}};
    if (r.status == "ok") row["metrics"] = reports::to_json(r.metrics);
    if (!r.note.empty()) row["note"] = r.note;
    points.push_back(row);
    ok += r.status == "ok";
    resumed += r.resumed;
  }
  return {{"study", study},
          {"file", file},
          {"points", points},
          {"summary",
           {{"points", rows.size()}, {"ok", ok}, {"failed", rows.size() - ok}, {"simulated", ok - resumed}, {"resumed", resumed}}}};
}

std::string results_csv(const std::vector<PointResult>& rows) {
  const auto keys = varied_keys(rows);
  std::string out = "id,status";
  for (const auto& k : keys) out += "," + csv_field(k);
  out += ",config_hash,energy_pj_per_token,tokens_per_second,latency_s,energy_pj_total";
  for (const auto& tier : reports::tier_names()) out += "," + tier + "_pj_per_token";
  out += ",movement_to_compute,pj_per_mac_all_in,movement_pj_per_mac,error\n";
  for (const auto& r : rows) {
    out += csv_field(r.id) + "," + csv_field(r.status);
    for (const auto& k : keys) out += "," + csv_field(value_of(r, k));
    out += "," + r.config_hash;
    const bool ok = r.status == "ok";
    const auto& m = r.metrics;
    for (double v : {m.energy_pj_per_token, m.tokens_per_second, m.latency_s, m.energy_pj_total}) out += "," + (ok ? number(v) : "");
    for (const auto& tier : reports::tier_names()) out += "," + (ok ? number(m.tier_pj_per_token.at(tier)) : "");
    for (double v : {m.movement_to_compute, m.pj_per_mac_all_in, m.movement_pj_per_mac}) out += "," + (ok ? number(v) : "");
    out += "," + csv_field(r.error) + "\n";
  }
  return out;
}

void write_results(const std::filesystem::path& dir, const std::string& study, const std::string& file,
                   const std::vector<PointResult>& rows) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  reports::write_file_atomically(dir / "results.json", results_json(study, file, rows).dump(2) + "\n");
  reports::write_file_atomically(dir / "results.csv", results_csv(rows));
}

}  // namespace pjsim::sim
