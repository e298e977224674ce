// The shape of a decoder-only transformer, named as in a Hugging Face config.json.
//
// Example (Llama-3-8B): hidden_size 4096, num_hidden_layers 32, num_attention_heads 32,
// num_key_value_heads 8, head_dim 128, intermediate_size 14336, vocab_size 128256, gated MLP.
// Parameter count: weight_params() + embedding_params() = 8.03e9.
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

  std::uint64_t q_width() const { return num_attention_heads * head_dim; }
  std::uint64_t kv_width() const { return num_key_value_heads * head_dim; }
  /// Matmul weights of one layer: Q, K, V, O projections and the MLP.
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
