// The `workload:` keys of a design point: the model, the step, mapping, placement, precision,
// routing, speculative decoding, sparsity and the micro-workloads.
#include <map>

#include "sim/config/schema_rows.h"

namespace pjsim::sim {

namespace {

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
  s.push_back(int_row(m + "max_position_embeddings", P::optional, "", 1, 1073741824, "longest context the model was trained for: recorded by `pjsim run`; `pjsim serve` rejects (counts) longer requests"));
  s.push_back(bool_row(m + "gated_mlp", "true", "gated MLP (SwiGLU: gate, up, down) rather than up, down"));
  s.push_back(int_row(m + "num_local_experts", P::optional, "", 1, 65536, "MoE experts per layer (Mixtral name); unset = dense"));
  s.push_back(int_row(m + "num_experts", P::optional, "", 1, 65536, "MoE experts per layer (Qwen3-MoE name); same as num_local_experts"));
  s.push_back(int_row(m + "num_experts_per_tok", P::optional, "", 1, 65536, "MoE top-k: experts each token is routed to; required with experts"));
  s.push_back(int_row(m + "moe_intermediate_size", P::optional, "", 1, 1048576, "width of one expert; unset = intermediate_size"));
  s.push_back(int_row(m + "shared_expert_intermediate_size", P::optional, "", 0, 1048576, "width of an always-active shared expert; unset or 0 = none"));
  s.push_back(int_row(m + "sliding_window", P::optional, "", 1, 1073741824, "sliding-window attention: positions attended (and KV kept) at most; unset = full attention"));
}

}  // namespace

void add_workload_rows(std::vector<SchemaRow>& s) {
  using P = Presence;
  add_preset_keys(s, "workload", "workload");
  add_model_rows(s, "workload.model", false);
  s.push_back(choice_row("workload.phase", "decode", {"prefill", "decode", "mixed"}, "prefill processes the prompt; decode generates one token per step; mixed is one serving step of `batch` decode sequences plus the prefill `chunks` (docs/workloads.md#mixed-steps-serving)"));
  s.push_back(int_row("workload.batch", P::defaulted, "1", 0, 1048576, "sequences served together (mixed: decode sequences of the step, may be 0 when chunks are given; 0 only in mixed)"));
  s.push_back(int_row("workload.prompt_tokens", P::defaulted, "0", 0, 16777216, "prefill: prompt length of every sequence (>= 1 for prefill)"));
  s.push_back(int_row("workload.context_tokens", P::defaulted, "0", 0, 16777216, "decode: KV positions attended by the first step (>= 1 for decode); mixed: by each decode token of the step, itself included (>= 1 when batch > 0)"));
  s.push_back(int_row("workload.steps", P::defaulted, "1", 1, 10000, "decode steps simulated (context grows by one per step); 1 in mixed"));
  s.push_back([] {
    SchemaRow r = int_row("workload.chunks", P::defaulted, "[]", 1, 16777216,
                          "mixed: prefill chunks of the step, one per sequence being prefilled, e.g. [{tokens: 512, prior: 0, logits: true}]: "
                          "tokens = new prompt positions (>= 1), prior = positions of that sequence already in the KV cache (default 0), "
                          "logits = the chunk ends its prompt and needs the LM head for its last position (default true); only in mixed");
    r.type = ValueType::chunk_list;
    return r;
  }());
  for (const char* kind : {"tensor", "pipeline", "data", "expert", "context", "hidden", "gathered"}) {
    static const std::map<std::string, std::string> docs = {
        {"tensor", "mesh axes of tensor parallelism (heads, MLP columns, vocabulary split; all-reduce after o_proj and down)"},
        {"pipeline", "mesh axis of pipeline parallelism (layers split into stages; activations sent stage to stage)"},
        {"data", "mesh axes of data parallelism (the batch split into replicas that never talk)"},
        {"expert", "mesh axes of expert parallelism (MoE experts spread over chips, tokens split; all-to-all dispatch and combine)"},
        {"context", "mesh axes of context parallelism (decode: KV positions split, partial attention all-reduced; prefill: ring attention)"},
        {"gathered", "mesh axes of the weight-gathered layout (weights stored sharded and all-gathered before each matmul, the batch split over them; for large-batch prefill: docs/mapping.md)"},
        {"hidden", "mesh axes splitting d_model: the 2D weight-stationary layout with tensor splitting heads and d_ff (all-gather and reduce-scatter around every matmul; docs/mapping.md)"}};
    SchemaRow r = choice_row(std::string("workload.mapping.") + kind, "[]", {"x", "y", "z"}, docs.at(kind));
    r.type = ValueType::choice_list;
    s.push_back(r);
  }
  s.push_back(choice_row("workload.mapping.attention", "heads", {"heads", "batch"}, "how attention splits over the tensor axes: heads (with the projections; KV heads replicated when fewer than the tensor chips), or batch (each chip attends all heads of batch / T sequences and keeps only their KV cache; all-to-all before and after: docs/mapping.md)"));
  s.push_back(int_row("workload.mapping.microbatches", P::defaulted, "1", 1, 65536, "micro-batches each pass's batch per replica is split into; they flow through the pipeline stages one after another (must divide the batch per replica)"));
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
}

}  // namespace pjsim::sim
