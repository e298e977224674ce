#include "workloads/model_shape.h"

namespace pjsim::workloads {

std::uint64_t ModelShape::layer_attention_params() const {
  const std::uint64_t d = hidden_size;
  return d * q_width() + 2 * d * kv_width() + q_width() * d;
}

std::uint64_t ModelShape::expert_params() const {
  return (gated_mlp ? 3 : 2) * hidden_size * expert_intermediate_size();
}

std::uint64_t ModelShape::layer_shared_params() const {
  if (!is_moe()) return layer_weight_params();
  const std::uint64_t router = hidden_size * num_experts;
  const std::uint64_t shared = (gated_mlp ? 3 : 2) * hidden_size * shared_expert_intermediate_size;
  return layer_attention_params() + router + shared;
}

std::uint64_t ModelShape::layer_weight_params() const {
  if (is_moe()) return layer_shared_params() + num_experts * expert_params();
  return layer_attention_params() + (gated_mlp ? 3 : 2) * hidden_size * intermediate_size;
}

std::uint64_t ModelShape::active_params() const {
  if (!is_moe()) return total_params();
  return total_params() - num_hidden_layers * (num_experts - num_experts_per_tok) * expert_params();
}

std::uint64_t ModelShape::weight_params() const {
  return num_hidden_layers * layer_weight_params() + hidden_size * vocab_size;
}

std::uint64_t ModelShape::embedding_params() const {
  return tie_word_embeddings ? 0 : hidden_size * vocab_size;
}

std::uint64_t ModelShape::norm_params() const { return (2 * num_hidden_layers + 1) * hidden_size; }

std::uint64_t ModelShape::total_params() const {
  return weight_params() + embedding_params() + norm_params();
}

}  // namespace pjsim::workloads
