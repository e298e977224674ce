#include "sim/config/build_serving.h"

#include <filesystem>

#include "sim/config/errors.h"

namespace pjsim::sim {
namespace {

const std::string kR = "serving.requests.";

// A relative path written in a YAML file is relative to that file; on the command line, to the
// working directory.
std::string path_value(const Values& v, const std::string& key) {
  const Value& value = v.at(key);
  std::filesystem::path p = value.text;
  const std::string& file = value.where.file;
  if (p.is_relative() && !file.empty() && file != "--set" && file.rfind("preset:", 0) != 0)
    p = std::filesystem::path(file).parent_path() / p;
  return p.lexically_normal().string();
}

serving::LengthSpec length(const Values& v, const std::string& p) {
  serving::LengthSpec s;
  s.kind = *serving::parse_length_kind(v.at(p + "distribution").text);
  s.value = v.at(p + "tokens").integer;
  s.lo = v.at(p + "min").integer;
  s.hi = v.at(p + "max").integer;
  s.max = v.at(p + "max").integer;
  s.mean = v.at(p + "mean").number;
  s.sigma = v.at(p + "sigma").number;
  if (s.kind == serving::LengthKind::trace) {
    if (!v.at(p + "trace").present) fail_at(v.at(p + "distribution").where, p + "trace", "required with distribution trace");
    s.trace_path = path_value(v, p + "trace");
  }
  if (s.kind == serving::LengthKind::uniform && s.hi < s.lo)
    fail_at(v.at(p + "max").where, p + "max", "uniform: max must be at least min");
  return s;
}

// The key a spec problem ("generator.prompt.mean: ...") is about, for its location.
std::string key_of_problem(const std::string& problem) {
  const std::string field = problem.substr(0, problem.find(':'));
  if (field.rfind("trace.path", 0) == 0) return kR + "trace";
  if (field.rfind("slice.", 0) == 0) {
    const std::string f = field.substr(6);
    return kR + (f == "start_seconds" ? "start" : f == "end_seconds" ? "end" : f);
  }
  std::string f = field.rfind("generator.", 0) == 0 ? field.substr(10) : field;
  if (f.rfind("arrivals.", 0) == 0) f = f.substr(9);
  if (f == "duration_seconds") f = "duration";
  for (const char* from : {".value", ".lo", ".hi", ".trace_path"}) {
    const auto at = f.find(from);
    if (at != std::string::npos && at + std::string(from).size() == f.size()) {
      const std::string to = std::string(from) == ".value" ? ".tokens" : std::string(from) == ".lo" ? ".min"
                             : std::string(from) == ".hi" ? ".max" : ".trace";
      f = f.substr(0, at) + to;
    }
  }
  if (f == "prefix.prefix_blocks") f = "prefix.blocks";
  return kR + f;
}

serving::StreamSpec stream(const Values& v) {
  serving::StreamSpec s;
  s.source = *serving::parse_stream_source(v.at(kR + "source").text);
  if (s.source == serving::StreamSource::trace) {
    if (!v.at(kR + "trace").present) fail_at(v.at(kR + "source").where, kR + "trace", "required with source trace");
    s.trace.path = path_value(v, kR + "trace");
  }
  const std::string format = v.at(kR + "format").text;
  s.trace.format = format == "auto" ? serving::TraceFormat::auto_detect : *serving::parse_format(format);
  s.trace.prefix_block_tokens = v.at(kR + "prefix_block_tokens").integer;
  if (v.at(kR + "first").present) s.slice.first = v.at(kR + "first").integer;
  if (v.at(kR + "start").present) s.slice.start_seconds = v.at(kR + "start").number;
  if (v.at(kR + "end").present) s.slice.end_seconds = v.at(kR + "end").number;
  s.slice.rate_scale = v.at(kR + "rate_scale").number;
  serving::GeneratorSpec& g = s.generator;
  g.arrivals.kind = *serving::parse_arrival_kind(v.at(kR + "arrival").text);
  g.arrivals.rate = v.at(kR + "rate").number;
  g.arrivals.cv = v.at(kR + "cv").number;
  if (v.at(kR + "count").present) g.count = v.at(kR + "count").integer;
  if (v.at(kR + "duration").present) g.duration_seconds = v.at(kR + "duration").number;
  if (!g.count && !g.duration_seconds) g.count = 200;
  if (s.source == serving::StreamSource::generator) {
    g.prompt = length(v, kR + "prompt.");
    g.output = length(v, kR + "output.");
  }
  g.prefix.groups = v.at(kR + "prefix.groups").integer;
  g.prefix.prefix_blocks = v.at(kR + "prefix.blocks").integer;
  g.prefix.block_tokens = v.at(kR + "prefix.block_tokens").integer;
  g.seed = v.at(kR + "seed").integer;
  const std::string problem = serving::stream_problem(s);
  if (!problem.empty()) {
    const std::string key = key_of_problem(problem);
    const auto it = v.find(key);
    fail_at(it != v.end() ? it->second.where : v.at(kR + "source").where, key, problem.substr(problem.find(':') + 2));
  }
  return s;
}

}  // namespace

ServingConfig build_serving(const Values& v) {
  ServingConfig c;
  for (const auto& [key, value] : v)
    if (key.rfind("serving.", 0) == 0 && value.written && key != "serving.step_of_replay") c.written = true;
  c.stream = stream(v);
  serving::ServeSpec& s = c.spec;
  s.policy.batching = v.at("serving.batching").text == "static" ? serving::Batching::static_batch : serving::Batching::continuous;
  s.policy.max_num_seqs = v.at("serving.max_num_seqs").integer;
  s.policy.max_num_batched_tokens = v.at("serving.max_num_batched_tokens").integer;
  s.policy.chunked_prefill = v.at("serving.chunked_prefill").flag;
  s.policy.priority = v.at("serving.priority").text == "prefill_first" ? serving::Priority::prefill_first
                                                                        : serving::Priority::decode_first;
  s.policy.batch_size = v.at("serving.batch_size").integer;
  s.policy.batch_timeout_s = v.at("serving.batch_timeout").number;
  s.kv.block_tokens = v.at("serving.kv.block_tokens").integer;
  s.kv.prefix_caching = v.at("serving.kv.prefix_caching").flag;
  s.kv.dense_attention_tokens = v.at("serving.kv.dense_attention").integer;
  s.kv.preemption = v.at("serving.kv.preemption").text == "swap" ? serving::Preemption::swap : serving::Preemption::recompute;
  s.kv.swap_bytes_per_s = v.at("serving.kv.swap_bandwidth").number;
  s.kv.swap_pj_per_bit = v.at("serving.kv.swap_energy").number;
  s.slo.ttft_s = v.at("serving.slo.ttft").number;
  s.slo.tpot_s = v.at("serving.slo.tpot").number;
  if (v.at("serving.interval").present) s.interval_s = v.at("serving.interval").number;
  c.kv_reserved_bytes = v.at("serving.kv.reserved").number;
  c.exact = v.at("serving.costs").text == "exact";
  c.step_of_replay = v.at("serving.step_of_replay").flag;
  return c;
}

}  // namespace pjsim::sim
