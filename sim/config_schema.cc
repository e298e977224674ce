#include "sim/config_schema.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "workloads/precision.h"

namespace pjsim::sim {

namespace {

SchemaRow text_row(std::string path, std::string doc) {
  SchemaRow r;
  r.path = std::move(path);
  r.doc = std::move(doc);
  return r;
}

SchemaRow int_row(std::string path, Presence presence, std::string def, double min, double max, std::string doc) {
  SchemaRow r = text_row(std::move(path), std::move(doc));
  r.type = ValueType::integer;
  r.presence = presence;
  r.default_text = std::move(def);
  r.min = min;
  r.max = max;
  return r;
}

SchemaRow number_row(std::string path, Presence presence, std::string def, double min, double max, std::string doc) {
  SchemaRow r = int_row(std::move(path), presence, std::move(def), min, max, std::move(doc));
  r.type = ValueType::number;
  return r;
}

SchemaRow bool_row(std::string path, std::string def, std::string doc) {
  SchemaRow r = text_row(std::move(path), std::move(doc));
  r.type = ValueType::boolean;
  r.presence = Presence::defaulted;
  r.default_text = std::move(def);
  return r;
}

// Bounds of every quantity of a kind, in base units (energies in pJ): past them a value is a typo
// (1e-30 GHz, 1e30 TB), or would overflow the simulated clock (1 fs resolution) or the 64-bit
// counters of bits. `least` is the minimum of a key that must be > 0. docs/robustness.md.
struct KindBounds {
  double least, most;
  const char* least_text;
  const char* most_text;
};

KindBounds bounds_of(UnitKind unit) {
  switch (unit) {
    case UnitKind::frequency: return {1e6, 1e11, "1 MHz", "100 GHz"};
    case UnitKind::bandwidth: return {1e6, 1e15, "1 MB/s", "1000 TB/s"};
    case UnitKind::bytes: return {1, 0x1p50, "1 B", "1024 TiB"};
    case UnitKind::time: return {1e-15, 1e-3, "1e-15 s", "1 ms"};
    case UnitKind::power: return {1e-3, 1e6, "1 mW", "1000 kW"};
    case UnitKind::energy: return {1e-3, 1e6, "1 fJ", "1000 nJ"};
    case UnitKind::energy_per_bit: return {1e-3, 1e6, "1 fJ/bit", "1000 nJ/bit"};
  }
  return {0, 0, "", ""};
}

SchemaRow quantity_row(std::string path, UnitKind unit, Presence presence, std::string def, bool positive,
                       std::string doc) {
  SchemaRow r = text_row(std::move(path), std::move(doc));
  r.type = ValueType::quantity;
  r.unit = unit;
  r.presence = presence;
  r.default_text = std::move(def);
  r.positive = positive;
  r.min = positive ? bounds_of(unit).least : 0;
  r.max = bounds_of(unit).most;
  return r;
}

SchemaRow price_row(std::string path, UnitKind unit, std::string price_unit, std::string doc) {
  SchemaRow r = text_row(std::move(path), std::move(doc));
  r.type = ValueType::price;
  r.unit = unit;
  r.price_unit = std::move(price_unit);
  r.max = bounds_of(unit).most;
  return r;
}

SchemaRow choice_row(std::string path, std::string def, std::vector<std::string> choices, std::string doc) {
  SchemaRow r = text_row(std::move(path), std::move(doc));
  r.type = ValueType::choice;
  r.presence = Presence::defaulted;
  r.default_text = std::move(def);
  r.choices = std::move(choices);
  return r;
}

// The three keys every preset section carries.
void add_preset_keys(std::vector<SchemaRow>& rows, const std::string& section, const std::string& kind) {
  rows.push_back(text_row(section + ".base", "the " + kind + " preset this section starts from (a scalar section means {base: NAME})"));
  rows.push_back(text_row(section + ".description", "one line shown by `pjsim list`"));
  rows.push_back(text_row(section + ".source", "where the section's numbers come from (free text)"));
}

std::vector<std::string> precision_names() {
  std::vector<std::string> names;
  for (auto p : workloads::all_precisions()) names.push_back(workloads::to_string(p));
  return names;
}

// The keys of a model section (names as in a Hugging Face config.json). A draft model's keys
// are all optional: they are required only when speculative decoding is on (config_build.cc).
void add_model_rows(std::vector<SchemaRow>& s, const std::string& section, bool draft) {
  using P = Presence;
  const Presence required = draft ? P::optional : P::required;
  const std::string m = section + ".";
  add_preset_keys(s, section, "model");
  s.push_back(text_row(m + "config_json", "a Hugging Face config.json whose model fields are read first (llama, mistral, mixtral, qwen3_moe); a relative path is relative to the YAML file"));
  s.push_back([&] { SchemaRow r = text_row(m + "model_type", "config.json model_type, recorded"); r.presence = P::defaulted; r.default_text = "llama"; return r; }());
  s.push_back(int_row(m + "hidden_size", required, "", 1, 65536, "d_model"));
  s.push_back(int_row(m + "num_hidden_layers", required, "", 1, 1024, "transformer layers"));
  s.push_back(int_row(m + "num_attention_heads", required, "", 1, 1024, "query heads"));
  s.push_back(int_row(m + "num_key_value_heads", P::optional, "", 1, 1024, "key/value heads (GQA); unset = num_attention_heads; must divide num_attention_heads"));
  s.push_back(int_row(m + "head_dim", P::optional, "", 1, 1024, "width of one head; unset = hidden_size / num_attention_heads"));
  s.push_back(int_row(m + "intermediate_size", required, "", 1, 1048576, "MLP width"));
  s.push_back(int_row(m + "vocab_size", required, "", 1, 4194304, "vocabulary size (embedding and LM head rows)"));
  s.push_back(bool_row(m + "tie_word_embeddings", "false", "the LM head reuses the embedding table"));
  s.push_back(choice_row(m + "hidden_act", "silu", {"silu", "gelu", "gelu_new", "gelu_pytorch_tanh", "relu"}, "MLP activation, recorded"));
  s.push_back(int_row(m + "max_position_embeddings", P::optional, "", 1, 1073741824, "longest context the model was trained for, recorded (not enforced)"));
  s.push_back(bool_row(m + "gated_mlp", "true", "gated MLP (SwiGLU: gate, up, down) rather than up, down"));
  s.push_back(int_row(m + "num_local_experts", P::optional, "", 1, 65536, "MoE experts per layer (Mixtral name); unset = dense"));
  s.push_back(int_row(m + "num_experts", P::optional, "", 1, 65536, "MoE experts per layer (Qwen3-MoE name); same as num_local_experts"));
  s.push_back(int_row(m + "num_experts_per_tok", P::optional, "", 1, 65536, "MoE top-k: experts each token is routed to; required with experts"));
  s.push_back(int_row(m + "moe_intermediate_size", P::optional, "", 1, 1048576, "width of one expert; unset = intermediate_size"));
  s.push_back(int_row(m + "shared_expert_intermediate_size", P::optional, "", 0, 1048576, "width of an always-active shared expert; unset or 0 = none"));
  s.push_back(int_row(m + "sliding_window", P::optional, "", 1, 1073741824, "sliding-window attention: positions attended (and KV kept) at most; unset = full attention"));
}

std::vector<SchemaRow> make_schema() {
  using P = Presence;
  using U = UnitKind;
  std::vector<SchemaRow> s;
  s.push_back(text_row("name", "name of the design point; default: the file stem (\"default\" for the embedded point)"));
  s.push_back(text_row("description", "one line shown by `pjsim list`"));

  add_preset_keys(s, "arch", "arch");
  add_preset_keys(s, "arch.technology", "technology");
  for (const auto& p : precision_names())
    s.push_back(price_row("arch.technology.mac." + p, U::energy, "pJ/MAC", "energy of one " + p + " multiply-accumulate"));
  for (const auto& p : precision_names())
    s.push_back(price_row("arch.technology.vector_op." + p, U::energy, "pJ/op", "energy of one " + p + " element operation on the vector unit"));
  s.push_back(price_row("arch.technology.sram_read", U::energy_per_bit, "pJ/bit", "energy per bit read from a core's local SRAM"));
  s.push_back(text_row("arch.technology.sram_read_by_capacity", "SRAM read price by capacity, \"CAP: PRICE, ...\" (e.g. \"8 KiB: 0.156 pJ/bit, 1 MiB: 1.56 pJ/bit\"); when set, the core SRAM is priced at the entry of the smallest capacity >= its own (the largest entry beyond), replacing sram_read"));
  s.push_back(price_row("arch.technology.sram_write", U::energy_per_bit, "pJ/bit", "energy per bit written to a core's local SRAM"));
  s.push_back(price_row("arch.technology.hbm_read", U::energy_per_bit, "pJ/bit", "energy per bit read from HBM (array + I/O)"));
  s.push_back(price_row("arch.technology.hbm_write", U::energy_per_bit, "pJ/bit", "energy per bit written to HBM"));
  s.push_back(price_row("arch.technology.noc_hop", U::energy_per_bit, "pJ/bit/hop", "energy per bit per on-chip router hop (router + one tile pitch of wire)"));
  s.push_back(price_row("arch.technology.ici_link", U::energy_per_bit, "pJ/bit", "energy per bit per inter-chip link crossed"));

  s.push_back(int_row("arch.chip.cores", P::defaulted, "1", 1, 4096, "cores per chip, laid out as an on-chip 2D mesh"));
  s.push_back(quantity_row("arch.chip.frequency", U::frequency, P::required, "", true, "clock of the matrix and vector units"));
  s.push_back(quantity_row("arch.chip.static_power", U::power, P::defaulted, "0 W", false, "power drawn whether busy or idle; static energy = this x simulated time"));
  s.push_back(quantity_row("arch.chip.hbm.capacity", U::bytes, P::required, "", true, "HBM capacity of the chip; weights + KV cache must fit"));
  s.push_back(quantity_row("arch.chip.hbm.bandwidth", U::bandwidth, P::required, "", true, "HBM bandwidth of the whole chip, all channels"));
  s.push_back(int_row("arch.chip.hbm.channels", P::defaulted, "1", 1, 1024, "independent HBM channels sharing the bandwidth"));
  s.push_back(quantity_row("arch.chip.hbm.latency", U::time, P::defaulted, "0 ns", false, "first-byte latency of one HBM transfer"));
  s.push_back(quantity_row("arch.chip.noc.link_bandwidth", U::bandwidth, P::required, "", true, "on-chip network bandwidth per router port and direction"));
  s.push_back(quantity_row("arch.chip.noc.hop_latency", U::time, P::defaulted, "0 ns", false, "latency of one router hop"));

  s.push_back(int_row("arch.core.matrix_units", P::defaulted, "1", 1, 64, "systolic matrix units per core, working on different folds"));
  s.push_back(int_row("arch.core.array.rows", P::defaulted, "128", 1, 4096, "rows of each systolic array (reduction dimension K)"));
  s.push_back(int_row("arch.core.array.cols", P::defaulted, "128", 1, 4096, "columns of each systolic array (output dimension N)"));
  s.push_back(choice_row("arch.core.array.dataflow", "ws", {"ws", "os"}, "ws = weight-stationary, os = output-stationary"));
  s.push_back(bool_row("arch.core.array.weight_double_buffer", "true", "the next fold's weights load while the current fold streams"));
  s.push_back(text_row("arch.core.array.structured_sparsity", "N:M weight patterns the array runs sparsely, comma-separated (e.g. \"2:4\"); unset = none (sparse weights run dense)"));
  s.push_back(bool_row("arch.core.array.activation_sparsity", "false", "the array gates MACs on zero activations (energy skipped, timing unchanged)"));
  s.push_back(int_row("arch.core.vector.lanes", P::defaulted, "1024", 1, 1048576, "vector element operations per cycle per core"));
  s.push_back(quantity_row("arch.core.sram.capacity", U::bytes, P::required, "", true, "local SRAM per core"));
  s.push_back(quantity_row("arch.core.sram.bandwidth", U::bandwidth, P::required, "", true, "local SRAM bandwidth per core, reads and writes together"));
  s.push_back(quantity_row("arch.core.sram.latency", U::time, P::defaulted, "0 ns", false, "access latency of the local SRAM"));
  s.push_back(int_row("arch.core.dma.buffers", P::defaulted, "2", 1, 16, "tile buffers for streamed operands (2 = double buffering)"));
  s.push_back(choice_row("arch.topology.kind", "mesh2d", {"mesh2d", "torus2d", "mesh3d", "torus3d"}, "how chips are joined: a 2D or 3D mesh, or a torus (wraparound on every axis)"));
  s.push_back([] { SchemaRow r = number_row("arch.topology.dims", P::defaulted, "[1, 1]", 1, 4096, "chips along x, y (and z for 3D); whole numbers; the product is the chip count"); r.type = ValueType::number_list; return r; }());
  s.push_back(quantity_row("arch.topology.link.bandwidth", U::bandwidth, P::defaulted, "45 GB/s", true, "inter-chip link bandwidth per direction"));
  s.push_back(quantity_row("arch.topology.link.latency", U::time, P::defaulted, "1 us", false, "latency of one inter-chip hop"));

  add_preset_keys(s, "workload", "workload");
  add_model_rows(s, "workload.model", false);
  s.push_back(choice_row("workload.phase", "decode", {"prefill", "decode"}, "prefill processes the prompt; decode generates one token per step"));
  s.push_back(int_row("workload.batch", P::defaulted, "1", 1, 1048576, "sequences served together"));
  s.push_back(int_row("workload.prompt_tokens", P::defaulted, "0", 0, 16777216, "prefill: prompt length of every sequence (>= 1 for prefill)"));
  s.push_back(int_row("workload.context_tokens", P::defaulted, "0", 0, 16777216, "decode: KV positions attended by the first step (>= 1 for decode)"));
  s.push_back(int_row("workload.steps", P::defaulted, "1", 1, 10000, "decode steps simulated (context grows by one per step)"));
  for (const char* kind : {"tensor", "pipeline", "data", "expert", "context"}) {
    static const std::map<std::string, std::string> docs = {
        {"tensor", "mesh axes of tensor parallelism (heads, MLP columns, vocabulary split; all-reduce after o_proj and down)"},
        {"pipeline", "mesh axis of pipeline parallelism (layers split into stages; activations sent stage to stage)"},
        {"data", "mesh axes of data parallelism (the batch split into replicas that never talk)"},
        {"expert", "mesh axes of expert parallelism (MoE experts spread over chips, tokens split; all-to-all dispatch and combine)"},
        {"context", "mesh axes of context parallelism (decode: KV positions split, partial attention all-reduced; prefill: ring attention)"}};
    SchemaRow r = choice_row(std::string("workload.mapping.") + kind, "[]", {"x", "y", "z"}, docs.at(kind));
    r.type = ValueType::choice_list;
    s.push_back(r);
  }
  s.push_back(choice_row("workload.placement.weights", "auto", {"auto", "sram", "hbm"}, "where each chip keeps its weights: auto = SRAM when they fit in half the cores' SRAM, else HBM"));
  s.push_back(choice_row("workload.placement.kv", "auto", {"auto", "sram", "hbm"}, "where each chip keeps its KV cache: auto = SRAM when it fits beside SRAM-resident weights, else HBM"));
  for (const char* k : {"weights", "activations", "kv"})
    s.push_back(choice_row(std::string("workload.precision.") + k, "bf16", precision_names(),
                           std::string("number format of the ") + (std::string(k) == "kv" ? "KV cache" : k) + " (\"fp8\" = fp8_e4m3)"));
  s.push_back(int_row("workload.precision.group_size", P::defaulted, "0", 0, 1048576, "weights per group scale along k (0 = no group scaling); see docs/precision.md"));
  s.push_back(choice_row("workload.precision.scale", "bf16", precision_names(), "number format of the group scales"));
  s.push_back(choice_row("workload.routing.mode", "uniform", {"uniform", "skewed", "histogram"}, "MoE routing: uniform top-k, Zipf-skewed, or weights from histogram (docs/moe.md)"));
  s.push_back(int_row("workload.routing.seed", P::defaulted, "0", 0, 9007199254740992.0, "seed of the routing draws (same seed, same run)"));
  s.push_back(number_row("workload.routing.skew", P::defaulted, "1.0", 0, 16, "skewed: Zipf exponent; expert e has weight 1 / (e + 1)^skew (0 = uniform)"));
  s.push_back([] { SchemaRow r = number_row("workload.routing.histogram", P::optional, "", 0, 1e18, "histogram: one weight per expert (e.g. token counts), at least num_experts_per_tok of them > 0"); r.type = ValueType::number_list; return r; }());
  s.push_back(int_row("workload.speculative.draft_tokens", P::defaulted, "0", 0, 64, "speculative decoding: tokens k drafted per target pass (0 = off); needs draft_model"));
  s.push_back(number_row("workload.speculative.acceptance", P::defaulted, "0.8", 0, 1, "speculative decoding: probability a that a drafted token is accepted"));
  add_model_rows(s, "workload.speculative.draft_model", true);
  s.push_back(text_row("workload.sparsity.weights", "N:M structured sparsity of the weights, e.g. \"2:4\" (unset = dense); sparse only where arch.core.array.structured_sparsity lists it"));
  s.push_back(number_row("workload.sparsity.activations", P::defaulted, "0", 0, 0.999, "fraction of activation elements that are zero; MACs skipped only with arch.core.array.activation_sparsity"));
  // Micro-workloads (workloads/micro_workload.h, docs/validation.md): only with workload.model gemm / access.
  for (const char* d : {"m", "k", "n"})
    s.push_back(int_row(std::string("workload.gemm.") + d, P::optional, "", 1, 1048576, std::string("micro-workload gemm (workload.model: gemm): ") + d + " of out[M x N] = A[M x K] B[K x N]; required with it"));
  s.push_back(bool_row("workload.gemm.operands_in_sram", "true", "micro-workload gemm: B starts in SRAM (placement sram), so no HBM load precedes compute"));
  s.push_back(choice_row("workload.access.tier", "sram", {"sram", "hbm"}, "micro-workload access (workload.model: access): the memory read once"));
  s.push_back(int_row("workload.access.bits", P::defaulted, "64", 8, 1048576, "micro-workload access: bits read (a multiple of 8)"));
  return s;
}

// Optimal string alignment distance: a transposition ("corse" -> "cores") costs 1.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

std::string type_text(const SchemaRow& r) {
  switch (r.type) {
    case ValueType::integer: return "integer";
    case ValueType::boolean: return "boolean";
    case ValueType::quantity: return std::string("quantity (") + kind_description(r.unit) + ")";
    case ValueType::price: return "price";
    case ValueType::choice: return "choice";
    case ValueType::text: return "text";
    case ValueType::number: return "number";
    case ValueType::number_list: return "list of numbers";
    case ValueType::choice_list: return "list of names";
  }
  return "?";
}

std::string unit_text(const SchemaRow& r) {
  if (r.type == ValueType::price) return r.price_unit;
  if (r.type != ValueType::quantity) return "";
  std::string out;
  for (const auto& u : unit_symbols(r.unit)) out += (out.empty() ? "" : ", ") + u;
  return out;
}

std::string default_cell(const SchemaRow& r) {
  switch (r.presence) {
    case Presence::required: return "required";
    case Presence::optional: return "unset";
    case Presence::defaulted: return "`" + r.default_text + "`";
  }
  return "";
}

}  // namespace

const std::vector<SchemaRow>& schema() {
  static const std::vector<SchemaRow> rows = make_schema();
  return rows;
}

const SchemaRow* find_row(const std::string& path) {
  static const std::map<std::string, const SchemaRow*> index = [] {
    std::map<std::string, const SchemaRow*> m;
    for (const auto& r : schema()) m[r.path] = &r;
    return m;
  }();
  const auto it = index.find(path);
  return it == index.end() ? nullptr : it->second;
}

bool is_section(const std::string& path) {
  static const std::set<std::string> sections = [] {
    std::set<std::string> out = {""};
    for (const auto& r : schema())
      for (auto dot = r.path.find('.'); dot != std::string::npos; dot = r.path.find('.', dot + 1)) out.insert(r.path.substr(0, dot));
    return out;
  }();
  return sections.count(path) > 0;
}

std::vector<std::string> child_keys(const std::string& section) {
  std::set<std::string> keys;
  const std::string prefix = section.empty() ? "" : section + ".";
  for (const auto& r : schema()) {
    if (r.path.compare(0, prefix.size(), prefix) != 0 || r.path.size() == prefix.size()) continue;
    const std::string rest = r.path.substr(prefix.size());
    keys.insert(rest.substr(0, rest.find('.')));
  }
  return {keys.begin(), keys.end()};
}

std::string preset_kind(const std::string& section) {
  if (section == "arch") return "arch";
  if (section == "arch.technology") return "technology";
  if (section == "workload") return "workload";
  if (section == "workload.model" || section == "workload.speculative.draft_model") return "model";
  return "";
}

std::string suggest(const std::string& word, const std::vector<std::string>& candidates, const std::string& what) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    // The distance is at least the difference in length: skip the (size x size) table when
    // that alone rules a candidate out (a fuzzed key can be megabytes long).
    if ((word.size() > c.size() ? word.size() - c.size() : c.size() - word.size()) >= best_distance) continue;
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) best_distance = d, best = c;
  }
  if (!best.empty()) return "did you mean '" + best + "'?";
  std::string list;
  for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
  return what + ": " + list;
}

std::string range_text(const SchemaRow& r) {
  switch (r.type) {
    case ValueType::integer:
    case ValueType::number:
    case ValueType::number_list: return fmt::format("{}..{}", r.min, r.max);
    case ValueType::quantity:
    case ValueType::price: {
      const KindBounds b = bounds_of(r.unit);
      return fmt::format("{}..{}", r.positive ? b.least_text : "0", b.most_text);
    }
    case ValueType::choice:
    case ValueType::choice_list: {
      std::string out;
      for (const auto& c : r.choices) out += (out.empty() ? "" : ", ") + c;
      return out;
    }
    default: return "";
  }
}

std::string schema_markdown() {
  std::string out = "| key | type | units | default | range | meaning |\n|---|---|---|---|---|---|\n";
  for (const auto& r : schema())
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", r.path, type_text(r), unit_text(r), default_cell(r),
                       range_text(r), r.doc);
  return out;
}

}  // namespace pjsim::sim
