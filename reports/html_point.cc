// The page of one point (reports/html_report.h): sections built from report.json and its priced
// ledger (reports/point_breakdown.h). Energies are per token of the report's basis, in mJ.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "reports/atomic_file.h"
#include "reports/html_report.h"
#include "reports/point_breakdown.h"
#include "reports/report_access.h"
#include "reports/roofline.h"
#include "reports/si_format.h"
#include "reports/vega_lite.h"

namespace pjsim::reports {

namespace {

const std::vector<std::string>& data_order() {
  static const std::vector<std::string> order = {"weights", "kv", "activations", "embedding", "scales", "metadata", "compute", "static"};
  return order;
}

double share(double part, double whole) { return whole > 0 ? part / whole : 0.0; }
std::string pct(double part, double whole) { return fmt::format("{:.1f} %", 100 * share(part, whole)); }
std::string mj(double pj_per_token) { return fmt::format("{:.4g}", pj_per_token * 1e-9); }

struct Context {
  const nlohmann::json& report;
  PointMetrics m;
  PointBreakdown b;
  double tokens = 1;   ///< the per-token divisor
  double total = 0;    ///< pJ
  double dynamic = 0;  ///< pJ
  std::string basis;
};

PageSection key_figures(const Context& c) {
  const Roofline roof = roofline_of(object_at(c.report, "/config"), c.m.context.chips);
  PageTable t{"Standard names as in report.json `metrics` and results.csv (docs/report-schema.md).", {"figure", "value", "name"}, {}, false};
  auto row = [&t](const std::string& figure, double value, const std::string& text, const std::string& name) {
    t.rows.push_back({figure, number_cell(value, text), name});
  };
  row("energy per " + c.basis + " token", c.m.energy_per_token_joules, si_format(c.m.energy_per_token_joules, "J"), "energy_per_token_joules");
  row("tokens/s (" + c.basis + ")", c.m.tokens_per_second, si_format(c.m.tokens_per_second, "tok/s"), "tokens_per_second");
  if (c.m.tpot_s) row("time per output token (TPOT)", *c.m.tpot_s, si_format(*c.m.tpot_s, "s"), "tpot_seconds");
  if (c.m.ttft_s) row("time to first token (TTFT)", *c.m.ttft_s, si_format(*c.m.ttft_s, "s"), "ttft_seconds");
  row("average power", c.m.avg_power_watts, si_format(c.m.avg_power_watts, "W"), "avg_power_watts");
  row("model FLOPs utilisation (MFU)", c.m.mfu, fmt::format("{:.2f} %", 100 * c.m.mfu), "mfu");
  row("step latency", c.m.latency_s, si_format(c.m.latency_s, "s"), "time.seconds_per_step");
  row("energy total", c.total * 1e-12, si_format(c.total * 1e-12, "J"), "metrics.energy_joules");
  row("  dynamic", c.dynamic * 1e-12, si_format(c.dynamic * 1e-12, "J"), "energy_pj.dynamic");
  row("  static", number_at(c.report, "/energy_pj/static") * 1e-12, si_format(number_at(c.report, "/energy_pj/static") * 1e-12, "J"),
      "energy_pj.static");
  row("movement / compute energy", c.m.movement_to_compute, fmt::format("{:.3g}", c.m.movement_to_compute), "ratios.movement_to_compute");
  row("pJ moved per MAC", c.m.movement_pj_per_mac, fmt::format("{:.3g} pJ", c.m.movement_pj_per_mac), "");
  row("pJ per MAC, all in", c.m.pj_per_mac_all_in, fmt::format("{:.3g} pJ", c.m.pj_per_mac_all_in), "ratios.pj_per_mac_all_in");
  row("peak MAC/s", roof.peak_macs_per_s, si_format(roof.peak_macs_per_s, "MAC/s"), "");
  row("critical batch (peak MAC/s / weights per second of HBM)", roof.critical_batch, fmt::format("{:.0f}", roof.critical_batch), "");
  return {"Key figures", "", {}, {t}};
}

PageSection tier_data(const Context& c) {
  nlohmann::json values = nlohmann::json::array();
  const double static_pj = number_at(c.report, "/energy_pj/static");
  auto add = [&](const std::string& tier, const std::string& data, double pj) {
    if (pj <= 0) return;
    values.push_back({{"tier", tier}, {"data", data}, {"mj", pj / c.tokens * 1e-9}, {"share", share(pj, c.total)}});
  };
  for (const auto& tier : tier_names())
    if (tier == "static") add(tier, "static", static_pj);
    else if (c.b.tier_data_pj.count(tier))
      for (const auto& [data, pj] : c.b.tier_data_pj.at(tier)) add(tier, data, pj);
  nlohmann::json spec = vl_chart(values, 640, 220);
  spec["mark"] = {{"type", "bar"}, {"tooltip", true}};
  spec["encoding"] = {{"y", {{"field", "tier"}, {"type", "nominal"}, {"title", nullptr}, {"sort", tier_names()}}},
                      {"x", vl_quantity("mj", "mJ per " + c.basis + " token", {{"type", "linear"}, {"zero", true}})},
                      {"color", vl_category("data", "data class", data_order())},
                      {"order", {{"field", "data"}}},
                      {"tooltip", vl_tooltip({{"tier", "tier"}, {"data", "data class"}, {"mj", "mJ/token ()"}})}};
  spec["encoding"]["tooltip"].push_back({{"field", "share"}, {"title", "share of total"}, {"type", "quantitative"}, {"format", ".1%"}});
  spec["name"] = "bars";
  vl_toggle_legend(spec, "data");

  PageTable t{"mJ per " + c.basis + " token (share of the total energy).", {"tier", "total"}, {}, false};
  for (const auto& d : data_order()) t.header.push_back(d);
  for (const auto& tier : tier_names()) {
    const double tier_pj = number_at(c.report, "/energy_pj/by_tier/" + tier);
    std::vector<Cell> row = {tier, number_cell(tier_pj, mj(tier_pj / c.tokens) + " (" + pct(tier_pj, c.total) + ")")};
    for (const auto& d : data_order()) {
      double pj = tier == "static" ? (d == "static" ? static_pj : 0.0) : 0.0;
      if (c.b.tier_data_pj.count(tier) && c.b.tier_data_pj.at(tier).count(d)) pj = c.b.tier_data_pj.at(tier).at(d);
      row.push_back(pj > 0 ? number_cell(pj, mj(pj / c.tokens) + " (" + pct(pj, c.total) + ")") : Cell(""));
    }
    t.rows.push_back(row);
  }
  return {"Energy by tier and data class",
          "Where each token's energy goes: the tier that spends it (compute, SRAM, HBM, on-chip network, inter-chip links, "
          "leakage) and the data moved (weights, KV cache, activations, ...). Click a legend entry to show one class.",
          {{"tier-data", "mJ per " + c.basis + " token, stacked by data class", spec}},
          {t}};
}

nlohmann::json bars(const nlohmann::json& values, const std::string& field, const std::string& title,
                    const std::vector<std::string>& order, const std::string& name, int width) {
  nlohmann::json spec = vl_chart(values, width, 260);
  spec["name"] = name;
  spec["mark"] = {{"type", "bar"}, {"tooltip", true}};
  spec["encoding"] = {{"x", {{"field", "key"}, {"type", "nominal"}, {"title", nullptr}, {"sort", order}, {"axis", {{"labelAngle", -40}}}}},
                      {"y", vl_quantity(field, title, {{"type", "linear"}, {"zero", true}})},
                      {"color", vl_category("bound", "bound by", {"compute", "memory", "link", "-"})},
                      {"tooltip", vl_tooltip({{"key", "op"}, {"mj", "mJ/token ()"}, {"ms", "time (ms)"}, {"bound", "bound by"},
                                              {"roof", "lower bound / time ()"}})}};
  return spec;
}

nlohmann::json work_values(const Context& c, const std::map<std::string, WorkFigures>& work) {
  nlohmann::json values = nlohmann::json::array();
  for (const auto& [key, w] : work)
    values.push_back({{"key", key}, {"mj", w.pj / c.tokens * 1e-9}, {"ms", w.seconds * 1e3}, {"bound", w.bound.empty() ? "-" : w.bound},
                      {"roof", share(w.roof_seconds, w.seconds)}});
  return values;
}

PageSection by_op(const Context& c) {
  std::vector<std::string> order;
  for (const auto& [op, w] : c.b.by_op)
    if (w.pj > 0 || w.seconds > 0) order.push_back(op);
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) { return c.b.by_op.at(a).pj > c.b.by_op.at(b).pj; });
  std::map<std::string, WorkFigures> shown;
  for (const auto& op : order) shown[op] = c.b.by_op.at(op);
  const nlohmann::json values = work_values(c, shown);
  const double seconds = number_at(c.report, "/time/seconds");
  PageTable t{"Bound by: the largest lower-bound time of the op on this machine (compute: MACs and vector ops at peak; memory: HBM "
              "and SRAM bytes at full bandwidth; link: inter-chip bytes over every link); lower bound / time says how close the "
              "simulation came to it.",
              {"op", "mJ/token", "share of dynamic", "time", "share of time", "bound by", "lower bound / time", "MACs", "HBM bytes",
               "ICI bytes x hops"},
              {},
              true};
  for (const auto& op : order) {
    const WorkFigures& w = c.b.by_op.at(op);
    t.rows.push_back({op, number_cell(w.pj, mj(w.pj / c.tokens)), number_cell(w.pj, pct(w.pj, c.dynamic)),
                      number_cell(w.seconds, si_format(w.seconds, "s")), number_cell(w.seconds, pct(w.seconds, seconds)),
                      w.bound.empty() ? "-" : w.bound, number_cell(share(w.roof_seconds, w.seconds), fmt::format("{:.2f}", share(w.roof_seconds, w.seconds))),
                      number_cell(w.macs, si_format(w.macs, "MAC")), number_cell(w.hbm_bits / 8, si_format(w.hbm_bits / 8, "B")),
                      number_cell(w.ici_bit_hops / 8, si_format(w.ici_bit_hops / 8, "B"))});
  }
  return {"Energy and time by op",
          "Dynamic energy per " + c.basis + " token and simulated time of each op category (time: from the end of the previous op "
          "to the end of this one, mean over chips), coloured by what bounds it.",
          {{"op-energy", "dynamic energy by op (mJ per token)", bars(values, "mj", "mJ per " + c.basis + " token", order, "bars", 480)},
           {"op-time", "time by op (ms, whole run)", bars(values, "ms", "ms (whole run)", order, "bars", 480)}},
          {t}};
}

PageSection by_layer(const Context& c) {
  const std::vector<std::string> order = layer_order(object_at(c.report, "/energy_pj/by_layer"));
  nlohmann::json values = nlohmann::json::array();
  for (const auto& layer : order)
    if (c.b.layer_op_pj.count(layer))
      for (const auto& [op, pj] : c.b.layer_op_pj.at(layer))
        if (pj > 0) values.push_back({{"layer", layer}, {"op", op}, {"mj", pj / c.tokens * 1e-9}});
  nlohmann::json energy = vl_chart(values, 900, 260);
  energy["name"] = "bars";
  energy["mark"] = {{"type", "bar"}, {"tooltip", true}};
  energy["encoding"] = {{"x", {{"field", "layer"}, {"type", "nominal"}, {"sort", order}, {"title", nullptr}, {"axis", {{"labelAngle", -60}}}}},
                        {"y", vl_quantity("mj", "mJ per " + c.basis + " token", {{"type", "linear"}, {"zero", true}})},
                        {"color", vl_category("op", "op")},
                        {"tooltip", vl_tooltip({{"layer", "layer"}, {"op", "op"}, {"mj", "mJ/token ()"}})}};
  vl_toggle_legend(energy, "op");

  nlohmann::json times = nlohmann::json::array();
  for (const auto& layer : order)
    if (c.b.by_layer.count(layer) && c.b.by_layer.at(layer).seconds > 0)
      times.push_back({{"layer", layer}, {"ms", c.b.by_layer.at(layer).seconds * 1e3}, {"bound", c.b.by_layer.at(layer).bound}});
  nlohmann::json time = vl_chart(times, 900, 200);
  time["name"] = "bars";
  time["mark"] = {{"type", "bar"}, {"tooltip", true}};
  time["encoding"] = {{"x", {{"field", "layer"}, {"type", "nominal"}, {"sort", order}, {"title", nullptr}, {"axis", {{"labelAngle", -60}}}}},
                      {"y", vl_quantity("ms", "ms (whole run)", {{"type", "linear"}, {"zero", true}})},
                      {"color", vl_category("bound", "bound by", {"compute", "memory", "link"})},
                      {"tooltip", vl_tooltip({{"layer", "layer"}, {"ms", "time (ms)"}, {"bound", "bound by"}})}};
  return {"Energy and time by layer", "", {{"layer-energy", "dynamic energy per layer, stacked by op (click the legend)", energy},
                                           {"layer-time", "simulated time per layer, coloured by what bounds it", time}}, {}};
}

// Energy roofline (Choi et al., IPDPS 2013): energy per MAC = e_mac + e_byte / intensity, where
// intensity = MACs per HBM byte; e_mac (the pure-compute floor) is the run's mean MAC price.
PageSection rooflines(const Context& c) {
  const double e_mac = c.m.macs > 0 ? c.b.mac_pj / c.m.macs : 0;
  const double e_byte = c.b.hbm_pj_per_bit * 8;
  nlohmann::json points = nlohmann::json::array();
  std::vector<double> xs, ys;
  auto point = [&](const std::string& what, double macs, double hbm_bytes, double pj) {
    if (macs <= 0 || hbm_bytes <= 0) return;
    points.push_back({{"what", what}, {"intensity", macs / hbm_bytes}, {"pj_per_mac", pj / macs}});
    xs.push_back(macs / hbm_bytes);
    ys.push_back(pj / macs);
  };
  point("whole run, all in", c.m.macs, c.m.hbm_bits / 8, c.total);
  point("whole run, dynamic", c.m.macs, c.m.hbm_bits / 8, c.dynamic);
  for (const auto& [op, w] : c.b.by_op) point(op, w.macs, w.hbm_bits / 8, w.pj);
  if (points.empty() || e_mac <= 0) return {"Energy roofline", "No MACs or no HBM traffic: no roofline to draw.", {}, {}};
  const double lo = *std::min_element(xs.begin(), xs.end()) / 4, hi = *std::max_element(xs.begin(), xs.end()) * 4;
  nlohmann::json curve = nlohmann::json::array();
  for (int i = 0; i <= 40; ++i) {
    const double x = lo * std::pow(hi / lo, i / 40.0);
    curve.push_back({{"intensity", x}, {"pj_per_mac", e_mac + e_byte / x}, {"what", "roof: e_mac + e_HBM byte / intensity"}});
    ys.push_back(e_mac + e_byte / x);
  }
  ys.push_back(e_mac);
  nlohmann::json spec = vl_chart(nlohmann::json::array(), 700, 380);
  const nlohmann::json x = vl_quantity("intensity", "operational intensity (MACs per HBM byte)", {{"type", "log"}});
  const nlohmann::json y = vl_quantity("pj_per_mac", "pJ per MAC", vl_scale_for(ys));
  spec.erase("data");
  spec["layer"] = {
      {{"data", {{"values", curve}}}, {"mark", {{"type", "line"}, {"color", "#555"}}},
       {"encoding", {{"x", x}, {"y", y}}}},
      {{"data", {{"values", {{{"y", e_mac}}}}}}, {"mark", {{"type", "rule"}, {"strokeDash", {4, 4}}, {"color", "#2ca02c"}}},
       {"encoding", {{"y", vl_quantity("y", "pJ per MAC", vl_scale_for(ys))}}}},
      {{"name", "points"}, {"data", {{"values", points}}}, {"mark", {{"type", "point"}, {"filled", true}, {"size", 90}, {"tooltip", true}}},
       {"encoding", {{"x", x}, {"y", y}, {"color", vl_category("what", "point")},
                     {"shape", {{"field", "what"}, {"type", "nominal"}, {"legend", nullptr}}},
                     {"tooltip", vl_tooltip({{"what", "point"}, {"intensity", "MACs per HBM byte ()"}, {"pj_per_mac", "pJ per MAC ()"}})}}}}};
  return {"Energy roofline",
          fmt::format("Energy per MAC against operational intensity (Choi et al., IPDPS 2013): the roof is e_mac + e_byte / intensity "
                      "with e_mac = {:.3g} pJ (the mean MAC price: the pure-compute floor, dashed) and e_byte = {:.3g} pJ per HBM "
                      "byte. Points above the roof pay for SRAM, on-chip network or link traffic too; 'all in' adds static energy.",
                      e_mac, e_byte),
          {{"energy-roofline", "pJ per MAC against MACs per HBM byte, log-log", spec}},
          {}};
}

PageSection utilisation(const Context& c) {
  static const std::map<std::string, std::string> definitions = {
      {"matrix", "matrix units: time holding a tile, however few of its rows and columns the tile fills, / (units x time)"},
      {"vector", "vector units: time running element operations / (cores x time)"},
      {"sram", "SRAM ports: time serving reads and writes / (cores x time)"},
      {"hbm", "HBM channels: time transferring / (channels x time)"},
      {"dma", "DMA engines: time with at least one transfer in flight / (cores x time)"},
      {"noc", "on-chip network links: time carrying bits / (links x time)"},
      {"ici", "inter-chip links: time carrying bits / (links x time)"},
      {"mfu", "model FLOPs utilisation: MACs / (time x peak MAC/s); the useful share of the matrix units' peak"}};
  nlohmann::json values = nlohmann::json::array();
  PageTable t{"Every utilisation is a fraction of time within [0, 1].", {"unit", "utilisation", "definition"}, {}, false};
  auto add = [&](const std::string& unit, double u) {
    values.push_back({{"unit", unit}, {"u", u}});
    const auto it = definitions.find(unit);
    t.rows.push_back({unit, number_cell(u, fmt::format("{:.1f} %", 100 * u)), it == definitions.end() ? "" : it->second});
  };
  for (const auto& [unit, u] : object_at(c.report, "/utilisation").items())
    if (u.is_number()) add(unit, u.get<double>());
  add("mfu", c.m.mfu);
  nlohmann::json spec = vl_chart(values, 520, 220);
  spec["name"] = "bars";
  spec["mark"] = {{"type", "bar"}, {"tooltip", true}};
  spec["encoding"] = {{"y", {{"field", "unit"}, {"type", "nominal"}, {"title", nullptr}, {"sort", nullptr}}},
                      {"x", {{"field", "u"}, {"type", "quantitative"}, {"title", "utilisation"}, {"scale", {{"domain", {0, 1}}}},
                             {"axis", {{"format", ".0%"}}}}},
                      {"color", {{"value", "#4c78a8"}}},
                      {"tooltip", nlohmann::json::array({{{"field", "unit"}}, {{"field", "u"}, {"format", ".2%"}, {"title", "utilisation"}}})}};
  return {"Utilisation", "", {{"utilisation", "busy fraction of each kind of unit, and MFU", spec}}, {t}};
}

PageSection prices(const Context& c) {
  PageTable t{"The price of every counted action, with where the number comes from.",
              {"key", "price", "count", "energy", "share of dynamic", "source"}, {}, true};
  const auto& rows = c.report.contains("prices") && c.report["prices"].is_array() ? c.report["prices"] : nlohmann::json::array();
  for (const auto& p : rows) {
    if (!p.is_object()) continue;
    const double pj = p.value("pj", 0.0), energy = p.value("energy_pj", 0.0), count = p.value("count", 0.0);
    t.rows.push_back({p.value("key", ""), number_cell(pj, fmt::format("{:.4g} {}", pj, p.value("unit", ""))),
                      number_cell(count, fmt::format("{:.6g}", count)), number_cell(energy, si_format(energy * 1e-12, "J")),
                      number_cell(energy, pct(energy, c.dynamic)), p.value("source", "")});
  }
  return {"Prices", fmt::format("Static power: {:.4g} W per chip x {:.0f} chip(s).", number_at(c.report, "/prices_static/static_power_w"),
                                number_at(c.report, "/prices_static/chips", 1)),
          {}, {t}};
}

}  // namespace

std::string point_html(const nlohmann::json& report) {
  Context c{report, metrics_of(report), breakdown_of(report), 1, 0, 0, ""};
  c.tokens = std::max(1.0, c.m.tokens);
  c.total = number_at(report, "/energy_pj/total");
  c.dynamic = number_at(report, "/energy_pj/dynamic");
  c.basis = string_at(report, "/tokens/basis", "generated");
  Page page{"pjsim report: " + string_at(report, "/name", "point"), point_subtitle(report), point_facts(report), {}};
  page.sections = {key_figures(c), tier_data(c), by_op(c), by_layer(c), rooflines(c), utilisation(c), prices(c)};
  return render_page(page);
}

std::filesystem::path write_point_html(const nlohmann::json& report, const std::filesystem::path& dir) {
  const auto path = dir / "report.html";
  write_file_atomically(path, point_html(report));
  return path;
}

}  // namespace pjsim::reports
