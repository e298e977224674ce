#include "sim/config/build.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include <fmt/format.h>

#include "sim/config/dvfs_table.h"
#include "sim/config/micro.h"
#include "sim/config/mixed_check.h"
#include "sim/config/sram_table.h"
#include "sim/config/units.h"

namespace pjsim::sim {

namespace {

std::uint64_t integer(const Values& v, const std::string& path) { return v.at(path).integer; }
double number(const Values& v, const std::string& path) { return v.at(path).number; }
const std::string& text(const Values& v, const std::string& path) { return v.at(path).text; }
std::string name_or_custom(const Values& v, const std::string& path) {
  return v.at(path).present ? v.at(path).text : "custom";
}

std::optional<models::Price> price(const Values& v, const std::string& path, const char* unit) {
  const Value& value = v.at(path);
  if (!value.present) return std::nullopt;
  return models::Price{value.number, unit, value.source};
}

models::Technology build_technology(const Values& v) {
  models::Technology t;
  t.name = name_or_custom(v, "arch.technology.base");
  for (auto p : workloads::all_precisions()) {
    const std::string name = workloads::to_string(p);
    if (auto mac = price(v, "arch.technology.mac." + name, "pJ/MAC")) t.mac[p] = *mac;
    if (auto op = price(v, "arch.technology.vector_op." + name, "pJ/op")) t.vector_op[p] = *op;
  }
  t.sram_read = price(v, "arch.technology.sram_read", "pJ/bit");
  t.sram_write = price(v, "arch.technology.sram_write", "pJ/bit");
  t.hbm_read = price(v, "arch.technology.hbm_read", "pJ/bit");
  t.hbm_write = price(v, "arch.technology.hbm_write", "pJ/bit");
  t.noc_hop = price(v, "arch.technology.noc_hop", "pJ/bit/hop");
  t.ici_link = price(v, "arch.technology.ici_link", "pJ/bit");
  return t;
}

workloads::Precision precision(const Values& v, const std::string& path) {
  return *workloads::parse_precision(text(v, path));  // parse_leaf admitted only known names
}

// Fills a computed default back into the values so the resolved config shows it.
void set_computed(Values& v, const std::string& path, std::uint64_t value) {
  v[path].present = true;
  v[path].integer = value;
}

// "2:4" -> {2, 4}; empty when the text is not N:M with 0 < N < M <= 64.
std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_nm(const std::string& text) {
  unsigned long n = 0, m = 0;
  char colon = 0, rest = 0;
  if (std::sscanf(text.c_str(), " %lu %c %lu %c", &n, &colon, &m, &rest) != 3 || colon != ':') return std::nullopt;
  if (n == 0 || n >= m || m > 64) return std::nullopt;
  return std::make_pair(std::uint64_t{n}, std::uint64_t{m});
}

// MoE keys of a model section: experts under either name, top-k, expert and shared widths.
void build_moe(Values& v, const std::string& m, workloads::ModelShape& s) {
  const Value& local = v.at(m + "num_local_experts");
  const Value& named = v.at(m + "num_experts");
  if (local.present && named.present && local.integer != named.integer)
    fail_at(named.where, m + "num_experts",
            fmt::format("num_experts ({}) differs from num_local_experts ({}); set one", named.integer, local.integer));
  const Value& experts = local.present ? local : named;
  if (v.at(m + "moe_intermediate_size").present) s.moe_intermediate_size = integer(v, m + "moe_intermediate_size");
  if (v.at(m + "shared_expert_intermediate_size").present)
    s.shared_expert_intermediate_size = integer(v, m + "shared_expert_intermediate_size");
  if (v.at(m + "sliding_window").present) s.sliding_window = integer(v, m + "sliding_window");
  if (!experts.present) return;
  s.num_experts = experts.integer;
  const Value& top_k = v.at(m + "num_experts_per_tok");
  if (!top_k.present) fail_at(experts.where, m + "num_experts_per_tok", "required with num_experts (MoE top-k)");
  if (top_k.integer > s.num_experts)
    fail_at(top_k.where, m + "num_experts_per_tok",
            fmt::format("top-k ({}) exceeds the experts per layer ({})", top_k.integer, s.num_experts));
  s.num_experts_per_tok = top_k.integer;
}

workloads::ModelShape build_model(Values& v, const std::string& section) {
  const std::string m = section + ".";
  workloads::ModelShape s;
  s.name = name_or_custom(v, m + "base");
  s.model_type = text(v, m + "model_type");
  s.hidden_size = integer(v, m + "hidden_size");
  s.num_hidden_layers = integer(v, m + "num_hidden_layers");
  s.num_attention_heads = integer(v, m + "num_attention_heads");
  // Hugging Face convention: no num_key_value_heads means one KV head per query head (MHA).
  if (!v.at(m + "num_key_value_heads").present) set_computed(v, m + "num_key_value_heads", s.num_attention_heads);
  s.num_key_value_heads = integer(v, m + "num_key_value_heads");
  if (s.num_attention_heads % s.num_key_value_heads != 0)
    fail_at(v.at(m + "num_key_value_heads").where, m + "num_key_value_heads",
            fmt::format("num_attention_heads ({}) is not divisible by num_key_value_heads ({})",
                        s.num_attention_heads, s.num_key_value_heads));
  if (!v.at(m + "head_dim").present) {
    if (s.hidden_size % s.num_attention_heads != 0)
      fail_at(v.at(m + "num_attention_heads").where, m + "num_attention_heads",
              fmt::format("hidden_size ({}) is not divisible by num_attention_heads ({}); set head_dim",
                          s.hidden_size, s.num_attention_heads));
    set_computed(v, m + "head_dim", s.hidden_size / s.num_attention_heads);
  }
  s.head_dim = integer(v, m + "head_dim");
  s.intermediate_size = integer(v, m + "intermediate_size");
  s.vocab_size = integer(v, m + "vocab_size");
  s.gated_mlp = v.at(m + "gated_mlp").flag;
  s.tie_word_embeddings = v.at(m + "tie_word_embeddings").flag;
  build_moe(v, m, s);
  return s;
}

// Draft model keys are optional in the schema; with speculative decoding on, the required ones must be set.
workloads::ModelShape build_draft(Values& v) {
  const std::string m = "workload.speculative.draft_model.";
  for (const char* key : {"hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size", "vocab_size"})
    if (!v.at(m + key).present)
      fail_at(v.at(m + key).where, m + key,
              "required when workload.speculative.draft_tokens > 0 (set draft_model to a model preset or a map)");
  return build_model(v, "workload.speculative.draft_model");
}

void build_routing(const Values& v, workloads::WorkloadSpec& w) {
  const std::string mode = text(v, "workload.routing.mode");
  w.routing.mode = mode == "skewed"      ? workloads::RoutingMode::skewed
                   : mode == "histogram" ? workloads::RoutingMode::histogram
                                         : workloads::RoutingMode::uniform;
  w.routing.seed = integer(v, "workload.routing.seed");
  w.routing.skew = number(v, "workload.routing.skew");
  const Value& h = v.at("workload.routing.histogram");
  if (w.routing.mode != workloads::RoutingMode::histogram) return;
  const std::uint64_t experts = w.model.num_experts;
  std::uint64_t positive = 0;
  for (double x : h.list) positive += x > 0 ? 1 : 0;
  if (!h.present || h.list.size() != experts || positive < w.model.num_experts_per_tok)
    fail_at(h.where, "workload.routing.histogram",
            fmt::format("histogram routing needs one weight per expert ({} experts), at least {} of them > 0; got {} "
                        "weights, {} > 0",
                        experts, w.model.num_experts_per_tok, h.list.size(), positive));
  w.routing.histogram = h.list;
}

}  // namespace

void build_topology(const Values& v, models::ArchParams& a) {
  const Value& kind = v.at("arch.topology.kind");
  a.topology.kind = *topologies::parse_topology_kind(kind.text);
  const Value& dims = v.at("arch.topology.dims");
  const std::size_t axes = kind.text.find("3d") != std::string::npos ? 3 : 2;
  if (dims.list.size() != axes)
    fail_at(dims.where, "arch.topology.dims",
            fmt::format("a {} topology needs {} dimensions, got {}", kind.text, axes, dims.list.size()));
  a.topology.dims.clear();
  double chips = 1;
  for (double d : dims.list) {
    if (d != std::floor(d)) fail_at(dims.where, "arch.topology.dims", fmt::format("dimensions are whole numbers, got {}", d));
    a.topology.dims.push_back(static_cast<std::uint64_t>(d));
    chips *= d;
  }
  if (chips > 65536)
    fail_at(dims.where, "arch.topology.dims", fmt::format("{:.0f} chips; pjsim simulates at most 65536", chips));
  a.link.bandwidth_bytes_per_s = number(v, "arch.topology.link.bandwidth");
  a.link.latency_s = number(v, "arch.topology.link.latency");
  a.link.axis_schedule = text(v, "arch.topology.collectives.axes") == "sequential" ? topologies::AxisSchedule::sequential
                                                                                   : topologies::AxisSchedule::concurrent;
  const std::string algorithm = text(v, "arch.topology.collectives.algorithm");
  a.link.algorithm = algorithm == "ring"       ? topologies::Algorithm::ring
                     : algorithm == "one_shot" ? topologies::Algorithm::one_shot
                                               : topologies::Algorithm::automatic;
}

void build_mapping(const Values& v, workloads::WorkloadSpec& w) {
  auto axes = [&](const char* kind) {
    std::vector<std::size_t> out;
    for (const std::string& name : v.at(std::string("workload.mapping.") + kind).names)
      out.push_back(static_cast<std::size_t>(name[0] - 'x'));
    return out;
  };
  w.mapping.tensor = axes("tensor");
  w.mapping.pipeline = axes("pipeline");
  w.mapping.data = axes("data");
  w.mapping.expert = axes("expert");
  w.mapping.context = axes("context");
  w.mapping.hidden = axes("hidden");
  w.mapping.gathered = axes("gathered");
  w.mapping.microbatches = integer(v, "workload.mapping.microbatches");
  w.mapping.attention = text(v, "workload.mapping.attention") == "batch" ? workloads::AttentionSharding::batch
                                                                          : workloads::AttentionSharding::heads;
  auto residence = [&](const char* key) {
    const std::string t = text(v, std::string("workload.placement.") + key);
    return t == "sram" ? workloads::Residence::sram : t == "hbm" ? workloads::Residence::hbm : workloads::Residence::automatic;
  };
  w.placement.weights = residence("weights");
  w.placement.kv = residence("kv");
}

// Static power by component, the operating voltage and the DVFS point (models/static_power.h).
void build_power(const Values& v, models::ChipParams& c) {
  auto part = [&](const char* key, const char* name, double& watts) {
    const Value& value = v.at(std::string("arch.chip.static.") + key);
    watts = value.number;
    c.static_parts.sources[name] = value.source;
  };
  part("core", "core", c.static_parts.core_w);
  part("uncore", "uncore", c.static_parts.uncore_w);
  part("sram_per_mib", "sram", c.static_parts.sram_w_per_mib);
  part("hbm_per_stack", "hbm", c.static_parts.hbm_w_per_stack);
  part("link", "links", c.static_parts.link_w);
  c.static_parts.sources["chip"] = v.at("arch.chip.static_power").source;
  c.gating.enabled = v.at("arch.chip.gating.enabled").flag;
  c.gating.idle_threshold_s = number(v, "arch.chip.gating.idle_threshold");
  c.gating.wake_latency_s = number(v, "arch.chip.gating.wake_latency");
  c.gating.wake_energy_j = number(v, "arch.chip.gating.wake_energy") * 1e-12;  // pJ
  c.gating.gated_fraction = number(v, "arch.chip.gating.gated_fraction");
  c.hbm_stacks = integer(v, "arch.chip.hbm.stacks");
  c.links = integer(v, "arch.chip.links");
  c.nominal_voltage_v = number(v, "arch.chip.nominal_voltage");
  const Value& voltage = v.at("arch.chip.voltage");
  c.voltage_v = voltage.present ? voltage.number : c.nominal_voltage_v;
  const Value& dvfs = v.at("arch.chip.dvfs");
  if (!dvfs.present) return;
  const DvfsTable table = parse_dvfs(dvfs.text);
  if (!table.error.empty()) fail_at(dvfs.where, "arch.chip.dvfs", table.error);
  const auto f = frequency_at(table, c.voltage_v);
  if (!f)
    fail_at(voltage.present ? voltage.where : dvfs.where, voltage.present ? "arch.chip.voltage" : "arch.chip.dvfs",
            fmt::format("{} is not a point of arch.chip.dvfs ('{}'): set arch.chip.voltage to one of its voltages",
                        format_quantity(c.voltage_v, UnitKind::voltage), dvfs.text));
  c.frequency_hz = *f;
}

models::AreaParams build_area(const Values& v) {
  models::AreaParams a;
  auto coefficient = [&](const std::string& key) {
    const Value& value = v.at("arch.area." + key);
    return models::AreaCoefficient{value.number, value.source};
  };
  for (const workloads::Precision p : workloads::all_precisions()) a.pe[p] = coefficient("pe." + workloads::to_string(p));
  a.vector_lane = coefficient("vector_lane");
  a.sram_per_mib = coefficient("sram_per_mib");
  a.hbm_phy = coefficient("hbm_phy");
  a.link = coefficient("link");
  a.noc_router = coefficient("noc_router");
  a.uncore = coefficient("uncore");
  return a;
}

models::ArchParams build_arch(const Values& v) {
  models::ArchParams a;
  a.name = name_or_custom(v, "arch.base");
  a.technology = build_technology(v);
  a.chip.cores = integer(v, "arch.chip.cores");
  a.chip.frequency_hz = number(v, "arch.chip.frequency");
  a.chip.static_power_w = number(v, "arch.chip.static_power");
  build_power(v, a.chip);
  a.chip.hbm.capacity_bytes = number(v, "arch.chip.hbm.capacity");
  a.chip.hbm.bandwidth_bytes_per_s = number(v, "arch.chip.hbm.bandwidth");
  a.chip.hbm.channels = integer(v, "arch.chip.hbm.channels");
  a.chip.hbm.latency_s = number(v, "arch.chip.hbm.latency");
  a.chip.noc.link_bandwidth_bytes_per_s = number(v, "arch.chip.noc.link_bandwidth");
  a.chip.noc.hop_latency_s = number(v, "arch.chip.noc.hop_latency");
  a.core.matrix.units = integer(v, "arch.core.matrix_units");
  a.core.matrix.rows = integer(v, "arch.core.array.rows");
  a.core.matrix.cols = integer(v, "arch.core.array.cols");
  a.core.matrix.dataflow = text(v, "arch.core.array.dataflow") == "os" ? models::Dataflow::output_stationary
                                                                      : models::Dataflow::weight_stationary;
  a.core.matrix.weight_double_buffer = v.at("arch.core.array.weight_double_buffer").flag;
  a.core.matrix.activation_sparsity = v.at("arch.core.array.activation_sparsity").flag;
  const Value& patterns = v.at("arch.core.array.structured_sparsity");
  if (patterns.present && patterns.text != "none") {
    std::stringstream list(patterns.text);
    for (std::string item; std::getline(list, item, ',');) {
      const auto nm = parse_nm(item);
      if (!nm) fail_at(patterns.where, "arch.core.array.structured_sparsity", "expected N:M patterns such as \"2:4\" or \"2:4, 4:8\", got '" + patterns.text + "'");
      a.core.matrix.structured_sparsity.push_back(*nm);
    }
  }
  for (const workloads::Precision p : workloads::all_precisions()) {
    const std::string key = "arch.core.array.macs_per_cycle." + workloads::to_string(p);
    const Value& rate = v.at(key);
    if (!rate.present) continue;
    const double r = rate.number;
    const double passes = 1.0 / r;
    if (r >= 1 ? r != std::floor(r) : std::abs(passes - std::round(passes)) > 1e-9)
      fail_at(rate.where, key, fmt::format("MACs per PE per cycle must be a whole number or 1/p (p passes), got {}", r));
    a.core.matrix.macs_per_cycle[p] = r;
  }
  a.core.vector.lanes = integer(v, "arch.core.vector.lanes");
  a.core.sram.capacity_bytes = number(v, "arch.core.sram.capacity");
  if (const Value& table = v.at("arch.technology.sram_read_by_capacity"); table.present) {
    const SramTableResult r = sram_read_for_capacity(table.text, table.source.empty() ? "sram_read_by_capacity" : table.source, a.core.sram.capacity_bytes);
    if (!r.error.empty()) fail_at(table.where, "arch.technology.sram_read_by_capacity", r.error);
    a.technology.sram_read = r.price;
  }
  a.core.sram.bandwidth_bytes_per_s = number(v, "arch.core.sram.bandwidth");
  a.core.sram.latency_s = number(v, "arch.core.sram.latency");
  a.core.dma.buffers = integer(v, "arch.core.dma.buffers");
  build_topology(v, a);
  return a;
}

workloads::WorkloadSpec build_workload(Values& v) {
  workloads::WorkloadSpec w;
  w.model = build_model(v, "workload.model");
  const std::string phase = text(v, "workload.phase");
  w.phase = phase == "prefill" ? workloads::Phase::prefill : phase == "mixed" ? workloads::Phase::mixed : workloads::Phase::decode;
  w.batch = integer(v, "workload.batch");
  w.prompt_tokens = integer(v, "workload.prompt_tokens");
  w.context_tokens = integer(v, "workload.context_tokens");
  w.steps = integer(v, "workload.steps");
  w.chunks = v.at("workload.chunks").chunks;
  const bool micro = is_micro_model(v);  // a single-op micro-workload has no prompt or context
  check_mixed(v, w, micro);
  if (!micro && w.phase == workloads::Phase::prefill && w.prompt_tokens == 0)
    fail_at(v.at("workload.prompt_tokens").where, "workload.prompt_tokens", "prefill needs prompt_tokens >= 1");
  if (!micro && w.phase == workloads::Phase::decode && w.context_tokens == 0)
    fail_at(v.at("workload.context_tokens").where, "workload.context_tokens", "decode needs context_tokens >= 1");
  w.precision.weights = precision(v, "workload.precision.weights");
  w.precision.activations = precision(v, "workload.precision.activations");
  w.precision.kv = precision(v, "workload.precision.kv");
  w.precision.group_size = integer(v, "workload.precision.group_size");
  w.precision.scale = precision(v, "workload.precision.scale");
  build_routing(v, w);
  const Value& nm = v.at("workload.sparsity.weights");
  if (nm.present && nm.text != "dense") {
    const auto pattern = parse_nm(nm.text);
    if (!pattern) fail_at(nm.where, "workload.sparsity.weights", "expected N:M with 0 < N < M <= 64 (e.g. \"2:4\") or dense, got '" + nm.text + "'");
    w.sparsity.weights_n = pattern->first;
    w.sparsity.weights_m = pattern->second;
  }
  w.sparsity.activation_zeros = number(v, "workload.sparsity.activations");
  w.speculative.draft_tokens = integer(v, "workload.speculative.draft_tokens");
  w.speculative.acceptance = number(v, "workload.speculative.acceptance");
  if (w.speculative.enabled()) {
    if (w.phase != workloads::Phase::decode)
      fail_at(v.at("workload.speculative.draft_tokens").where, "workload.speculative.draft_tokens",
              "speculative decoding needs phase decode");
    w.speculative.draft = build_draft(v);
  }
  build_mapping(v, w);
  build_micro(v, w);
  return w;
}

void check_precision_prices(const Values& v, const models::ArchParams& arch, const workloads::WorkloadSpec& w) {
  const workloads::Precision mac = workloads::mac_precision(w.precision.weights, w.precision.activations);
  const std::string mac_key = mac == w.precision.activations ? "workload.precision.activations" : "workload.precision.weights";
  const std::string mac_name = workloads::to_string(mac);
  if (!arch.technology.mac.count(mac))
    fail_at(v.at(mac_key).where, mac_key,
            fmt::format("{} x {} runs {} MACs, but technology '{}' has no price for them: set arch.technology.mac.{}",
                        text(v, "workload.precision.weights"), text(v, "workload.precision.activations"), mac_name,
                        arch.technology.name, mac_name));
  // The array must run every MAC precision of the run: gemms (weights x activations) and
  // attention (KV x activations), the same for a draft model.
  const models::MatrixUnitParams& mu = arch.core.matrix;
  const bool micro = w.micro.kind != workloads::MicroKind::none;  // one op: no attention
  for (const auto& [operand, key] : {std::pair{w.precision.weights, "workload.precision.weights"},
                                     std::pair{w.precision.kv, "workload.precision.kv"}}) {
    if (micro && operand == w.precision.kv && std::string(key) == "workload.precision.kv") continue;
    const workloads::Precision p = workloads::mac_precision(operand, w.precision.activations);
    if (models::mac_rate(mu, p) > 0) continue;
    std::string listed;
    for (const auto& [q, rate] : mu.macs_per_cycle) listed += (listed.empty() ? "" : ", ") + workloads::to_string(q);
    const std::string at_key = p == w.precision.activations ? std::string("workload.precision.activations") : key;
    fail_at(v.at(at_key).where, at_key,
            fmt::format("{} x {} runs {} MACs, which the matrix unit of arch '{}' does not support (it runs {}): "
                        "declare arch.core.array.macs_per_cycle.{}",
                        workloads::to_string(operand), text(v, "workload.precision.activations"), workloads::to_string(p),
                        arch.name, listed, workloads::to_string(p)));
  }
  const std::string act = text(v, "workload.precision.activations");
  if (!arch.technology.vector_op.count(w.precision.activations))
    fail_at(v.at("workload.precision.activations").where, "workload.precision.activations",
            fmt::format("technology '{}' has no price for {} vector operations: set arch.technology.vector_op.{}",
                        arch.technology.name, act, act));
}

}  // namespace pjsim::sim
