#include "sim/study/compare_report.h"

#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "reports/si_format.h"
#include "reports/text_table.h"

namespace pjsim::sim {

namespace {

using Figures = std::map<std::string, double>;

Figures figures_of(const PointResult& r) {
  Figures f;
  for (const auto& [name, value] : reports::metric_rows(r.metrics)) f[name] = value;
  return f;
}

nlohmann::json to_json(const Figures& f) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : f) j[k] = v;
  return j;
}

Figures minus(const Figures& a, const Figures& b) {
  Figures d;
  for (const auto& [k, v] : a) d[k] = v - b.at(k);
  return d;
}

void add_to(Figures& sum, const Figures& f) {
  for (const auto& [k, v] : f) sum[k] += v;
}

// The metrics of a comparison; served points add the serving figures (reports::serve_metric_rows).
std::vector<std::string> metric_names(bool serve) {
  std::vector<std::string> names;
  reports::PointMetrics none;
  for (const std::string& tier : reports::tier_names()) none.tier_pj_per_token[tier] = 0;
  if (serve) none.serve = reports::ServeFigures{};
  for (const auto& [name, value] : reports::metric_rows(none)) names.push_back(name);
  return names;
}

std::string did_not_run(const std::string& id, const std::map<std::string, const PointResult*>& by_id) {
  return fmt::format("point {} did not run: {}", id, by_id.at(id)->error);
}

// Both ends (the baseline and the full candidate) must have run for a candidate to have figures.
// An intermediate point that failed (a step that is invalid on its own, such as a larger model
// still on the smaller one's chips) leaves only the contributions that need it unattributed:
// they are null, each feature says why, and the sums are given only when every term is known.
nlohmann::json candidate_json(const CandidatePlan& c, const std::map<std::string, const PointResult*>& by_id) {
  nlohmann::json j = {{"name", c.name}};
  const std::string last = c.features.empty() ? c.base_id : c.features.back().seq_id;
  for (const auto& id : {c.base_id, last})
    if (by_id.at(id)->status != "ok") {
      j["error"] = did_not_run(id, by_id);
      return j;
    }
  const auto ran = [&](const std::string& id) { return by_id.at(id)->status == "ok"; };
  const Figures base = figures_of(*by_id.at(c.base_id));
  const Figures cand = figures_of(*by_id.at(last));
  j["id"] = last;
  j["metrics"] = to_json(cand);
  j["delta"] = to_json(minus(cand, base));
  std::optional<Figures> before = base;
  Figures sum_seq, sum_alone;
  for (const auto& [k, v] : base) sum_seq[k] = sum_alone[k] = 0;
  bool all_seq = true, all_alone = true;
  nlohmann::json features = nlohmann::json::array();
  nlohmann::json unattributed = nlohmann::json::array();
  for (const auto& f : c.features) {
    nlohmann::json keys = nlohmann::json::object();
    for (const auto& o : f.set) keys[o.key] = o.value;
    nlohmann::json feature = {{"name", f.name}, {"keys", keys}, {"sequential", nullptr}, {"alone", nullptr}};
    std::optional<Figures> after;
    if (ran(f.seq_id)) after = figures_of(*by_id.at(f.seq_id));
    if (after && before) {
      const Figures seq = minus(*after, *before);
      add_to(sum_seq, seq);
      feature["sequential"] = to_json(seq);
    } else {
      all_seq = false;
      feature["error"] = ran(f.seq_id) ? std::string("the step before it did not run: its sequential share is not known")
                                       : did_not_run(f.seq_id, by_id);
    }
    if (ran(f.alone_id)) {
      const Figures alone = minus(figures_of(*by_id.at(f.alone_id)), base);
      add_to(sum_alone, alone);
      feature["alone"] = to_json(alone);
    } else {
      all_alone = false;
      if (!feature.contains("error")) feature["error"] = did_not_run(f.alone_id, by_id);
    }
    for (const auto& id : {f.seq_id, f.alone_id})
      if (!ran(id)) unattributed.push_back(id);
    features.push_back(feature);
    before = after;
  }
  j["features"] = features;
  if (!unattributed.empty()) j["unattributed"] = unattributed;
  if (all_seq) j["sum_sequential"] = to_json(sum_seq);
  if (all_alone) {
    j["sum_alone"] = to_json(sum_alone);
    j["interaction"] = to_json(minus(minus(cand, base), sum_alone));
  }
  return j;
}

// A metric's value with its unit, through the one unit formatter (reports/si_format.h).
std::string metric_text(const std::string& name, double v, bool sign = false) {
  std::string text;
  if (name == "tokens_per_second") text = reports::si_format(v, "tok/s");
  else if (name == "latency_s") text = reports::si_format(v, "s");
  else if (name == "area_mm2") text = fmt::format("{:.4g} mm^2", v);
  else if (name == "energy_per_token_joules") text = reports::si_format(v, "J");
  else if (name == "avg_power_watts") text = reports::si_format(v, "W");
  else if (name == "mfu") text = fmt::format("{:.2f}%", 100 * v);
  else if (name == "energy_per_output_token_joules") text = reports::si_format(v, "J");
  else if (name == "output_tokens_per_second") text = reports::si_format(v, "tok/s");
  else if (name.size() > 3 && name.compare(name.size() - 3, 3, "_ms") == 0) text = reports::si_format(v * 1e-3, "s");
  else if (name == "goodput_requests_per_second") text = fmt::format("{:.4g} req/s", v);
  else text = reports::si_format(v * 1e-12, "J");  // energy_pj_per_token and <tier>_pj_per_token
  return sign && v > 0 ? "+" + text : text;
}

// Served points: each feature's effect on J per output token, p99 TPOT and p99 TTFT, at the same
// load (every point of a comparison replays the baseline's stream, which no feature changes
// unless it sets serving.requests.*).
std::string serving_attribution(const nlohmann::json& c) {
  using reports::Align;
  if (c.contains("error") || !c["delta"].contains("energy_per_output_token_joules")) return "";
  reports::TextTable t({{"feature"}, {"J/out token seq", Align::right}, {"J/out token alone", Align::right},
                        {"p99 TPOT seq", Align::right}, {"p99 TPOT alone", Align::right}, {"p99 TTFT seq", Align::right},
                        {"p99 TTFT alone", Align::right}});
  const auto cell = [](const nlohmann::json& part, const std::string& metric) {
    return part.is_object() ? metric_text(metric, part[metric].get<double>(), true) : std::string("-");
  };
  for (const auto& f : c["features"]) {
    std::vector<std::string> row = {f["name"].get<std::string>()};
    for (const char* m : {"energy_per_output_token_joules", "p99_tpot_ms", "p99_ttft_ms"})
      row.insert(row.end(), {cell(f["sequential"], m), cell(f["alone"], m)});
    t.add(row);
  }
  std::vector<std::string> total = {"total"};
  for (const char* m : {"energy_per_output_token_joules", "p99_tpot_ms", "p99_ttft_ms"})
    total.insert(total.end(), {cell(c["delta"], m), c.contains("sum_alone") ? cell(c["sum_alone"], m) : std::string("-")});
  t.add(total);
  return "  serving, at the same load (the same request stream):\n" + t.render("  ");
}

std::string percent(double delta, double base) { return base != 0 ? fmt::format("{:+.2f}%", 100 * delta / base) : ""; }

}  // namespace

nlohmann::json attribution_json(const std::string& study, const std::vector<CandidatePlan>& candidates,
                                const std::vector<PointResult>& rows) {
  std::map<std::string, const PointResult*> by_id;
  for (const auto& r : rows) by_id[r.id] = &r;
  bool serve = false;
  for (const auto& r : rows) serve = serve || (r.status == "ok" && r.metrics.serve);
  nlohmann::json j = {{"study", study}, {"metrics", metric_names(serve)}};
  const PointResult& base = *by_id.at("base");
  j["baseline"] = {{"id", "base"}};
  if (base.status == "ok") j["baseline"]["metrics"] = to_json(figures_of(base));
  nlohmann::json cands = nlohmann::json::array();
  for (const auto& c : candidates) cands.push_back(candidate_json(c, by_id));
  j["candidates"] = cands;
  return j;
}

std::string compare_text(const nlohmann::json& a) {
  using reports::Align;
  std::string out;
  if (!a["baseline"].contains("metrics")) return "baseline did not run\n";
  const auto& base = a["baseline"]["metrics"];
  std::vector<reports::TextColumn> columns = {{"metric"}, {"baseline", Align::right}};
  for (const auto& c : a["candidates"]) {
    columns.push_back({c["name"].get<std::string>(), Align::right});
    columns.push_back({"delta", Align::right});
  }
  reports::TextTable side(columns);
  for (const auto& m : a["metrics"]) {
    const std::string name = m.get<std::string>();
    const double b = base[name].get<double>();
    std::vector<std::string> row = {name, metric_text(name, b)};
    for (const auto& c : a["candidates"]) {
      if (!c.contains("metrics")) {
        row.insert(row.end(), {"-", "-"});
        continue;
      }
      const double v = c["metrics"][name].get<double>();
      row.insert(row.end(), {metric_text(name, v), percent(v - b, b)});
    }
    side.add(row);
  }
  out += side.render();
  for (const auto& c : a["candidates"]) {
    out += fmt::format("\n{}: attribution (sequential = in order, alone = on the baseline)\n", c["name"].get<std::string>());
    if (c.contains("error")) {
      out += "  " + c["error"].get<std::string>() + "\n";
      continue;
    }
    reports::TextTable t({{"feature"}, {"energy/token seq", Align::right}, {"energy/token alone", Align::right},
                          {"tok/s seq", Align::right}, {"latency seq", Align::right}, {"area seq", Align::right}});
    // A contribution whose point did not run is "-" (compare.json: null, with the feature's "error").
    const auto cell = [](const nlohmann::json& part, const std::string& metric) {
      return part.is_object() ? metric_text(metric, part[metric].get<double>(), true) : std::string("-");
    };
    for (const auto& f : c["features"])
      t.add({f["name"].get<std::string>(), cell(f["sequential"], "energy_pj_per_token"), cell(f["alone"], "energy_pj_per_token"),
             cell(f["sequential"], "tokens_per_second"), cell(f["sequential"], "latency_s"), cell(f["sequential"], "area_mm2")});
    const double total = c["delta"]["energy_pj_per_token"].get<double>();
    t.add({"total", metric_text("energy_pj_per_token", total, true),
           c.contains("sum_alone") ? cell(c["sum_alone"], "energy_pj_per_token") : std::string("-")});
    out += t.render("  ");
    out += serving_attribution(c);
    if (c.contains("unattributed")) {
      for (const auto& f : c["features"])
        if (f.contains("error")) out += fmt::format("  {}: {}\n", f["name"].get<std::string>(), f["error"].get<std::string>());
      out += "  the total is measured between both ends; the contributions marked - could not be attributed\n";
      continue;
    }
    const double alone = c["sum_alone"]["energy_pj_per_token"].get<double>();
    const double interaction = c["interaction"]["energy_pj_per_token"].get<double>();
    if (c["features"].empty())
      out += "  no feature differs from the baseline: every delta is 0\n";
    else if (std::abs(interaction) > 1e-9 * std::max(std::abs(total), std::abs(alone)))
      out += fmt::format("  interactions: the features alone sum to {} per token, the total is {} (interaction {})\n",
                         metric_text("energy_pj_per_token", alone, true), metric_text("energy_pj_per_token", total, true),
                         metric_text("energy_pj_per_token", interaction, true));
    else
      out += "  no interaction: the features alone sum to the total\n";
  }
  return out;
}

bool every_candidate_ran(const nlohmann::json& attribution) {
  if (!attribution["baseline"].contains("metrics")) return false;
  for (const auto& c : attribution["candidates"])
    if (!c.contains("metrics")) return false;
  return true;
}

}  // namespace pjsim::sim
