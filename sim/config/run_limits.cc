#include "sim/config/run_limits.h"

#include <algorithm>

#include <fmt/format.h>

#include "workloads/precision.h"

namespace pjsim::sim {

namespace {

constexpr double kMaxOps = 5e6;             // ~1 GB of operators, hours of simulation
constexpr double kMaxRoutingDraws = 1e10;   // tens of seconds in workloads/moe_routing.cc
constexpr double kMaxElements = 0x1p56;     // x 64 bits per element stays below 2^63 bits
constexpr double kMaxMacs = 0x1p60;         // MAC counters are 64-bit (2^60 leaves 8x of slack)

// One forward pass of `s` over `per_seq` new tokens per sequence attending `attended` positions.
RunSize pass_size(const workloads::WorkloadSpec& w, const workloads::ModelShape& s, double per_seq,
                  double attended, double logits_per_seq) {
  RunSize r;
  const double batch = static_cast<double>(w.batch), t = batch * per_seq;
  const double d = static_cast<double>(s.hidden_size), layers = static_cast<double>(s.num_hidden_layers);
  const double heads = static_cast<double>(s.num_attention_heads), head_dim = static_cast<double>(s.head_dim);
  const double q = static_cast<double>(s.q_width()), kv = static_cast<double>(s.kv_width());
  const double n = s.sliding_window ? std::min(attended, static_cast<double>(s.sliding_window)) : attended;
  const double f = static_cast<double>(s.intermediate_size), up = s.gated_mlp ? 2 : 1;
  const double attention = 2 * batch * heads * per_seq * head_dim * n;
  const double projections = t * d * (q + 2 * kv) + t * q * d;
  double mlp = t * d * up * f + t * f * d;
  double width = std::max({d, q + 2 * kv, up * f});
  double layer_ops = 11;
  if (s.is_moe()) {
    const double experts = static_cast<double>(s.num_experts), top_k = static_cast<double>(s.num_experts_per_tok);
    const double fe = static_cast<double>(s.expert_intermediate_size());
    const double fs = static_cast<double>(s.shared_expert_intermediate_size);
    mlp = t * d * experts + t * top_k * (d * up * fe + fe * d) + t * (d * up * fs + fs * d);
    width = std::max({width, experts, up * fe, up * fs});
    layer_ops = 10 + 2 + 3 * std::min(experts, t * top_k) + (fs > 0 ? 3 : 0);
    r.routing_draws = layers * t * top_k * experts;
  }
  r.ops = 3 + layers * layer_ops;
  r.macs = layers * (attention + projections + mlp) + batch * logits_per_seq * d * static_cast<double>(s.vocab_size);
  r.largest_op = std::max({t * width, batch * heads * per_seq * n, batch * logits_per_seq * static_cast<double>(s.vocab_size)});
  return r;
}

// Matmul weights of a model (as ModelShape::weight_params, in double: no overflow).
double weight_elements(const workloads::ModelShape& s) {
  const double d = static_cast<double>(s.hidden_size), up = s.gated_mlp ? 2 : 1;
  const double q = static_cast<double>(s.q_width()), kv = static_cast<double>(s.kv_width());
  double mlp = (up + 1) * d * static_cast<double>(s.intermediate_size);
  if (s.is_moe())
    mlp = static_cast<double>(s.num_experts) * ((up + 1) * d * static_cast<double>(s.expert_intermediate_size()) + d) +
          (up + 1) * d * static_cast<double>(s.shared_expert_intermediate_size);
  return static_cast<double>(s.num_hidden_layers) * (d * (q + 2 * kv) + q * d + mlp);
}

void add(RunSize& total, const RunSize& pass, double times) {
  total.ops += pass.ops * times;
  total.macs += pass.macs * times;
  total.routing_draws += pass.routing_draws * times;
  total.largest_op = std::max(total.largest_op, pass.largest_op);
}

// The key a limit is about: the first of `keys` set in the user's own file or --set, else the
// first set in a preset, else the first.
std::pair<Location, std::string> key_of(const Values& values, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    const Location& at = values.at(k).where;
    if (values.at(k).present && at.file.rfind("preset:", 0) != 0 && (at.line > 0 || at.file == "--set")) return {at, k};
  }
  for (const char* k : keys)
    if (values.at(k).where.line > 0) return {values.at(k).where, k};
  const char* first = *keys.begin();
  return {values.at(first).where, first};
}

}  // namespace

RunSize run_size(const DesignPoint& point) {
  const workloads::WorkloadSpec& w = point.workload;
  const auto& a = point.arch;
  RunSize r;
  if (w.micro.kind == workloads::MicroKind::gemm) {
    r.ops = 1;
    r.macs = static_cast<double>(w.micro.m) * static_cast<double>(w.micro.k) * static_cast<double>(w.micro.n);
    r.largest_op = std::max({static_cast<double>(w.micro.m) * static_cast<double>(w.micro.k),
                             static_cast<double>(w.micro.k) * static_cast<double>(w.micro.n),
                             static_cast<double>(w.micro.m) * static_cast<double>(w.micro.n)});
  } else if (w.micro.kind == workloads::MicroKind::none) {
    const double steps = static_cast<double>(w.steps), context = static_cast<double>(w.context_tokens);
    if (w.phase == workloads::Phase::prefill) {
      const double prompt = static_cast<double>(w.prompt_tokens);
      add(r, pass_size(w, w.model, prompt, prompt, 1), 1);
    } else if (w.phase == workloads::Phase::mixed) {
      // The decode sequences and each chunk as a pass of their own (an upper bound on the ops; the
      // MACs and the largest op are the step's, the weights being counted per token either way).
      if (w.batch > 0) add(r, pass_size(w, w.model, 1, context, 1), 1);
      workloads::WorkloadSpec one = w;
      one.batch = 1;
      for (const workloads::PrefillChunk& c : w.chunks) {
        const double tokens = static_cast<double>(c.tokens);
        add(r, pass_size(one, w.model, tokens, static_cast<double>(c.prior) + tokens, c.logits ? 1 : 0), 1);
      }
      one.batch = workloads::step_tokens(w);  // the gemms run over all the step's rows at once
      r.largest_op = std::max(r.largest_op, pass_size(one, w.model, 1, 0, 0).largest_op);
    } else if (!w.speculative.enabled()) {
      add(r, pass_size(w, w.model, 1, context, 1), steps);
    } else {
      const double k = static_cast<double>(w.speculative.draft_tokens);
      add(r, pass_size(w, w.speculative.draft, 1, context, 1), steps * k);
      add(r, pass_size(w, w.model, k + 1, context + k, k + 1), steps);
    }
  }
  double chips = 1;
  for (std::uint64_t d : a.topology.dims) chips *= static_cast<double>(d);
  r.peak_macs_per_s = chips * static_cast<double>(a.chip.cores) * static_cast<double>(a.core.matrix.units) *
                      static_cast<double>(a.core.matrix.rows) * static_cast<double>(a.core.matrix.cols) *
                      a.chip.frequency_hz;
  // MACs skipped at most: N:M weights keep N of M, zero activations are skipped (when gated).
  double density = 1 - w.sparsity.activation_zeros;
  if (w.sparsity.weights_m > 0)
    density *= static_cast<double>(w.sparsity.weights_n) / static_cast<double>(w.sparsity.weights_m);
  // Half: the estimate counts attention over every attended position, whatever the masking.
  r.mac_seconds = 0.5 * r.macs * density / r.peak_macs_per_s;
  // Weights beyond half of all SRAM stream from HBM at least once per pass of the target model.
  if (w.micro.kind == workloads::MicroKind::none) {
    const double passes = w.phase == workloads::Phase::decode ? static_cast<double>(w.steps) : 1;
    const double sram_bits = chips * static_cast<double>(a.chip.cores) * a.core.sram.capacity_bytes * 8 / 2;
    const double streamed = std::max(0.0, weight_elements(w.model) * workloads::bits_per_element(w.precision.weights) - sram_bits);
    r.hbm_seconds = streamed * passes / 8 / (a.chip.hbm.bandwidth_bytes_per_s * chips);
  }
  return r;
}

double smallest_tile_sram_bytes(const DesignPoint& point) {
  const auto& core = point.arch.core;
  if (point.workload.micro.kind == workloads::MicroKind::access) return 0;  // no tiles
  const double rows = static_cast<double>(core.matrix.rows), cols = static_cast<double>(core.matrix.cols);
  const double weight_bits = workloads::bits_per_element(point.workload.precision.weights);
  const double activation_bits = workloads::bits_per_element(point.workload.precision.activations);
  const double buffers = static_cast<double>(std::max<std::uint64_t>(core.dma.buffers, 1));
  // One operand buffer (SRAM / 2 / buffers) holds a rows x cols weight block beside a rows x cols
  // activation chunk; a quarter of the SRAM holds a cols x cols block of fp32 partial sums.
  const double buffer_need = 2 * buffers * rows * cols * (weight_bits + activation_bits) / 8;
  const double accumulator_need = 4 * cols * cols * 32 / 8;
  return std::max(buffer_need, accumulator_need);
}

void check_run_size(const Values& values, const DesignPoint& point) {
  const double least_sram = smallest_tile_sram_bytes(point);
  if (point.arch.core.sram.capacity_bytes < least_sram)
    fail_at(values.at("arch.core.sram.capacity").where, "arch.core.sram.capacity",
            fmt::format("{:.0f} B per core cannot hold the smallest tile of a {}x{} matrix unit ({} operand buffers of a "
                        "weight block and its activations, and a block of fp32 partial sums): at least {:.0f} KiB",
                        point.arch.core.sram.capacity_bytes, point.arch.core.matrix.rows, point.arch.core.matrix.cols,
                        point.arch.core.dma.buffers, least_sram / 1024));
  const RunSize r = run_size(point);
  const bool decode = point.workload.phase != workloads::Phase::prefill;
  if (r.ops > kMaxOps) {
    const auto [where, key] = decode ? key_of(values, {"workload.steps", "workload.model.num_hidden_layers"})
                                     : key_of(values, {"workload.model.num_hidden_layers", "workload.model.num_experts"});
    fail_at(where, key,
            fmt::format("the run lowers to about {:.2g} operators; pjsim simulates at most {:.0g} per run: fewer steps, "
                        "layers or experts",
                        r.ops, kMaxOps));
  }
  if (r.routing_draws > kMaxRoutingDraws) {
    const auto [where, key] = key_of(values, {"workload.model.num_experts", "workload.model.num_local_experts",
                                              "workload.model.num_experts_per_tok", "workload.batch"});
    fail_at(where, key,
            fmt::format("MoE routing would weigh about {:.2g} (token, expert) pairs (layers x tokens x top-k x experts); "
                        "pjsim allows at most {:.0g}: fewer tokens, experts or top-k",
                        r.routing_draws, kMaxRoutingDraws));
  }
  if (r.largest_op > kMaxElements) {
    const auto [where, key] = key_of(values, {"workload.batch", "workload.prompt_tokens", "workload.context_tokens"});
    fail_at(where, key,
            fmt::format("an operator would hold about {:.2g} elements (batch x tokens x width); pjsim's 64-bit bit "
                        "counters allow at most {:.2g}",
                        r.largest_op, kMaxElements));
  }
  if (r.macs > kMaxMacs) {
    const auto [where, key] = key_of(values, {"workload.batch", "workload.prompt_tokens", "workload.context_tokens", "workload.steps"});
    fail_at(where, key,
            fmt::format("the run has about {:.2g} multiply-accumulates; pjsim's 64-bit counters allow at most {:.2g}",
                        r.macs, kMaxMacs));
  }
  if (r.seconds() > kMaxSimulatedSeconds) {
    const bool hbm = r.hbm_seconds > r.mac_seconds;
    const auto [where, key] = key_of(values, {hbm ? "arch.chip.hbm.bandwidth" : "arch.chip.frequency"});
    fail_at(where, key,
            fmt::format("the run needs at least {:.3g} s of simulated chip time ({}); pjsim simulates at most {:.0f} s "
                        "(its femtosecond clock overflows past 9223 s)",
                        r.seconds(),
                        hbm ? "weights streamed from HBM at this bandwidth"
                            : fmt::format("{:.2g} MACs at a peak of {:.2g} MAC/s", r.macs, r.peak_macs_per_s),
                        kMaxSimulatedSeconds));
  }
}

}  // namespace pjsim::sim
