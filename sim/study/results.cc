#include "sim/study/results.h"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

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

// A whole number as an integer (16, not 16.0), anything else as it is.
nlohmann::json count_or_number(double v) {
  if (v == static_cast<double>(static_cast<long long>(v))) return static_cast<long long>(v);
  return v;
}

// A YAML scalar as JSON: 16 -> 16, 0.5 -> 0.5, true -> true, int8 -> "int8", "16 MiB" -> "16 MiB".
nlohmann::json scalar_json(const std::string& text) {
  char* end = nullptr;
  const long long i = std::strtoll(text.c_str(), &end, 10);
  if (!text.empty() && *end == '\0') return i;
  const double d = std::strtod(text.c_str(), &end);
  if (!text.empty() && *end == '\0' && text.find_first_not_of("0123456789.eE+-") == std::string::npos) return d;
  if (text == "true" || text == "false") return text == "true";
  return text;
}

nlohmann::json yaml_json(const YAML::Node& node) {
  if (node.IsMap()) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& kv : node) j[kv.first.Scalar()] = yaml_json(kv.second);
    return j;
  }
  if (node.IsSequence()) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& item : node) j.push_back(yaml_json(item));
    return j;
  }
  if (node.IsNull()) return nullptr;
  return node.Tag() == "!" ? nlohmann::json(node.Scalar()) : scalar_json(node.Scalar());  // "!": a quoted string
}

}  // namespace

nlohmann::json setting_json(const std::string& yaml_text) {
  try {
    return yaml_json(YAML::Load(yaml_text));
  } catch (const YAML::Exception&) {
    return yaml_text;
  }
}

nlohmann::json results_json(const std::string& study, const std::string& file, const std::vector<PointResult>& rows) {
  nlohmann::json points = nlohmann::json::array();
  std::size_t ok = 0, resumed = 0, skipped = 0;
  for (const auto& r : rows) {
    nlohmann::json settings = nlohmann::json::object();
    for (const auto& o : r.varied) settings[o.key] = setting_json(o.value);
    nlohmann::json row = {{"id", r.id},         {"status", r.status}, {"settings", settings},
                          {"config_hash", r.config_hash}, {"error", r.error}, {"resumed", r.resumed},
                          {"report", r.report}, {"exit_code", r.exit_code}, {"signal", r.signal}};
    if (r.status == "ok") {
      row["metrics"] = reports::to_json(r.metrics);
      nlohmann::json context = reports::to_json(r.metrics.context);
      for (const char* key : {"chips", "batch", "context_tokens", "prompt_tokens"}) context[key] = count_or_number(context[key].get<double>());
      row["context"] = context;
    }
    if (!r.note.empty()) row["note"] = r.note;
    points.push_back(row);
    ok += r.status == "ok";
    resumed += r.resumed;
    skipped += r.status == "skipped";
  }
  return {{"study", study},
          {"file", file},
          {"points", points},
          {"summary",
           {{"points", rows.size()}, {"ok", ok}, {"failed", rows.size() - ok - skipped}, {"skipped", skipped},
            {"simulated", ok - resumed}, {"resumed", resumed}}}};
}

std::string results_csv(const std::vector<PointResult>& rows) {
  const auto keys = varied_keys(rows);
  std::string out = "id,status";
  for (const auto& k : keys) out += "," + csv_field(k);
  out += ",model,phase,batch,context_tokens,prompt_tokens,weights,arch,chips,technology";
  out += ",config_hash,energy_per_token_joules,tokens_per_second,tpot_seconds,ttft_seconds,avg_power_watts,mfu";
  out += ",energy_pj_per_token,latency_s,energy_pj_total";
  for (const auto& tier : reports::tier_names()) out += "," + tier + "_pj_per_token";
  out += ",movement_to_compute,pj_per_mac_all_in,movement_pj_per_mac";
  bool serve = false;  // served points (command: serve) add their serving figures
  for (const auto& r : rows) serve = serve || (r.status == "ok" && r.metrics.serve);
  if (serve)
    for (const auto& [name, v] : reports::serve_metric_rows(reports::ServeFigures{})) out += "," + name;
  out += ",error\n";
  for (const auto& r : rows) {
    out += csv_field(r.id) + "," + csv_field(r.status);
    for (const auto& k : keys) out += "," + csv_field(value_of(r, k));
    const bool ok = r.status == "ok";
    const auto& m = r.metrics;
    const auto& c = m.context;
    const auto text = [ok](const std::string& s) { return "," + (ok ? csv_field(s) : std::string()); };
    const auto num = [ok](double v) { return "," + (ok ? number(v) : std::string()); };
    const auto count = [ok](double v) { return "," + (ok ? count_or_number(v).dump() : std::string()); };
    const auto maybe = [ok](const std::optional<double>& v) { return "," + (ok && v ? number(*v) : std::string()); };
    out += text(c.model) + text(c.phase) + count(c.batch) + count(c.context_tokens) + count(c.prompt_tokens) + text(c.weights) +
           text(c.arch) + count(c.chips) + text(c.technology);
    out += "," + r.config_hash;
    out += num(m.energy_per_token_joules) + num(m.tokens_per_second) + maybe(m.tpot_s) + maybe(m.ttft_s) + num(m.avg_power_watts) + num(m.mfu);
    for (double v : {m.energy_pj_per_token, m.latency_s, m.energy_pj_total}) out += num(v);
    for (const auto& tier : reports::tier_names()) out += num(ok ? m.tier_pj_per_token.at(tier) : 0);
    for (double v : {m.movement_to_compute, m.pj_per_mac_all_in, m.movement_pj_per_mac}) out += num(v);
    if (serve)
      for (const auto& [name, v] : reports::serve_metric_rows(m.serve ? *m.serve : reports::ServeFigures{}))
        out += "," + (ok && m.serve ? number(v) : std::string());
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
