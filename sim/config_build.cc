#include "sim/config_build.h"

#include <fmt/format.h>

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

workloads::ModelShape build_model(Values& v) {
  const std::string m = "workload.model.";
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
  return s;
}

}  // namespace

models::ArchParams build_arch(const Values& v) {
  models::ArchParams a;
  a.name = name_or_custom(v, "arch.base");
  a.technology = build_technology(v);
  a.chip.cores = integer(v, "arch.chip.cores");
  a.chip.frequency_hz = number(v, "arch.chip.frequency");
  a.chip.static_power_w = number(v, "arch.chip.static_power");
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
  a.core.vector.lanes = integer(v, "arch.core.vector.lanes");
  a.core.sram.capacity_bytes = number(v, "arch.core.sram.capacity");
  a.core.sram.bandwidth_bytes_per_s = number(v, "arch.core.sram.bandwidth");
  a.core.sram.latency_s = number(v, "arch.core.sram.latency");
  a.core.dma.buffers = integer(v, "arch.core.dma.buffers");
  return a;
}

workloads::WorkloadSpec build_workload(Values& v) {
  workloads::WorkloadSpec w;
  w.model = build_model(v);
  w.phase = text(v, "workload.phase") == "prefill" ? workloads::Phase::prefill : workloads::Phase::decode;
  w.batch = integer(v, "workload.batch");
  w.prompt_tokens = integer(v, "workload.prompt_tokens");
  w.context_tokens = integer(v, "workload.context_tokens");
  w.steps = integer(v, "workload.steps");
  if (w.phase == workloads::Phase::prefill && w.prompt_tokens == 0)
    fail_at(v.at("workload.prompt_tokens").where, "workload.prompt_tokens", "prefill needs prompt_tokens >= 1");
  if (w.phase == workloads::Phase::decode && w.context_tokens == 0)
    fail_at(v.at("workload.context_tokens").where, "workload.context_tokens", "decode needs context_tokens >= 1");
  w.precision.weights = precision(v, "workload.precision.weights");
  w.precision.activations = precision(v, "workload.precision.activations");
  w.precision.kv = precision(v, "workload.precision.kv");
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
  const std::string act = text(v, "workload.precision.activations");
  if (!arch.technology.vector_op.count(w.precision.activations))
    fail_at(v.at("workload.precision.activations").where, "workload.precision.activations",
            fmt::format("technology '{}' has no price for {} vector operations: set arch.technology.vector_op.{}",
                        arch.technology.name, act, act));
}

}  // namespace pjsim::sim
