// The shape of a decoder-only transformer, named as in a Hugging Face config.json.
//
// Example (Llama-3-8B): hidden_size 4096, num_hidden_layers 32, num_attention_heads 32,
// num_key_value_heads 8, head_dim 128, intermediate_size 14336, vocab_size 128256, gated MLP.
// Parameter count: weight_params() + embedding_params() = 8.03e9.
//
// Mixture of experts (num_experts > 0): every layer's MLP is num_experts experts of width
// expert_intermediate_size() (moe_intermediate_size, else intermediate_size), a router gate of
// hidden_size x num_experts, and an optional shared expert of shared_expert_intermediate_size.
// Example (Mixtral-8x7B: 8 experts, top 2, width 14336): total_params() = 46.70e9,
// active_params() = 12.88e9 (attention, router, 2 experts per layer, embedding, LM head, norms).
#pragma once

#include <cstdint>
#include <string>

namespace pjsim::workloads {

struct ModelShape {
  std::string name;               ///< preset name or "custom"
  std::string model_type = "llama";
  std::uint64_t hidden_size = 0;
  std::uint64_t num_hidden_layers = 0;
  std::uint64_t num_attention_heads = 0;
  std::uint64_t num_key_value_heads = 0;
  std::uint64_t head_dim = 0;     ///< 0 in a config means hidden_size / num_attention_heads
  std::uint64_t intermediate_size = 0;
  std::uint64_t vocab_size = 0;
  bool gated_mlp = true;          ///< SwiGLU: gate and up projections, then down
  bool tie_word_embeddings = false;
  // Mixture of experts (0 experts = a dense model).
  std::uint64_t num_experts = 0;                      ///< num_local_experts (Mixtral) or num_experts (Qwen3-MoE)
  std::uint64_t num_experts_per_tok = 0;              ///< top-k
  std::uint64_t moe_intermediate_size = 0;            ///< expert width; 0 = intermediate_size
  std::uint64_t shared_expert_intermediate_size = 0;  ///< 0 = no shared expert
  /// Sliding-window attention: positions attended at most (0 = full attention).
  std::uint64_t sliding_window = 0;

  bool is_moe() const { return num_experts > 0; }
  std::uint64_t expert_intermediate_size() const {
    return moe_intermediate_size ? moe_intermediate_size : intermediate_size;
  }
  /// Weights of one expert (gate, up, down when gated).
  std::uint64_t expert_params() const;
  /// Attention projections of one layer (Q, K, V, O).
  std::uint64_t layer_attention_params() const;
  /// Weights of one layer read whatever the routing: attention, router and shared expert.
  std::uint64_t layer_shared_params() const;
  /// Parameters a token uses: shared layer weights and top-k experts per layer, LM head,
  /// embedding and norms. Equals total_params() for a dense model.
  std::uint64_t active_params() const;

  std::uint64_t q_width() const { return num_attention_heads * head_dim; }
  std::uint64_t kv_width() const { return num_key_value_heads * head_dim; }
  /// Matmul weights of one layer: Q, K, V, O projections and the MLP (all experts and the router).
  std::uint64_t layer_weight_params() const;
  /// Matmul weights read by a step: all layers plus the LM head (norm gains excluded).
  std::uint64_t weight_params() const;
  /// Embedding table (counted apart: a step gathers only the rows of its tokens).
  std::uint64_t embedding_params() const;
  /// Norm gains: two per layer plus the final norm.
  std::uint64_t norm_params() const;
  /// Everything, as published parameter counts give it.
  std::uint64_t total_params() const;
};

}  // namespace pjsim::workloads
