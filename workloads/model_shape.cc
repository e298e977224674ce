#include "workloads/model_shape.h"

namespace pjsim::workloads {

std::uint64_t ModelShape::layer_weight_params() const {
  const std::uint64_t d = hidden_size;
  const std::uint64_t attention = d * q_width() + 2 * d * kv_width() + q_width() * d;
  const std::uint64_t mlp = (gated_mlp ? 3 : 2) * d * intermediate_size;
  return attention + mlp;
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
