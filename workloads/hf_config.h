// Reads the model fields of a Hugging Face `config.json` (llama, mistral, mixtral and
// qwen3_moe model types) as the `workload.model` keys pjsim's config layer understands.
//
// Example: {"model_type": "mixtral", "hidden_size": 4096, "num_local_experts": 8, ...} ->
//   {{"model_type", "mixtral"}, {"hidden_size", "4096"}, ..., {"num_local_experts", "8"}}.
// Field names are kept (the schema uses config.json names). Fields pjsim does not model
// (rope_theta, rms_norm_eps, torch_dtype, ...) are ignored; a null field counts as absent.
// Errors (HfConfigError, one line without the file name, which the caller adds):
//   model_type 'gpt2' is not supported (llama, mistral, mixtral, qwen3_moe)
//   missing field 'hidden_size'
//   field 'hidden_size' must be a non-negative integer
//   field 'num_local_experts' is a mixture-of-experts field, but model_type 'llama' is dense ...
//   fields 'num_local_experts' (8) and 'num_experts' (16) disagree: keep one
// (Duplicate keys, which JSON parsers resolve silently, are refused by the caller's parser:
// sim/config/input_limits.h parse_json.)
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace pjsim::workloads {

class HfConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// (workload.model key, YAML scalar text) pairs, in a fixed order.
using HfFields = std::vector<std::pair<std::string, std::string>>;

/// The supported model_type values, for messages: "llama, mistral, mixtral, qwen3_moe".
const std::vector<std::string>& hf_model_types();
/// Maps a parsed config.json. Throws HfConfigError.
HfFields hf_model_fields(const nlohmann::json& config);
/// Reads and maps a config.json file. Throws HfConfigError (also for unreadable or bad JSON).
HfFields hf_model_fields_from_file(const std::string& path);

}  // namespace pjsim::workloads
