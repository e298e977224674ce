#include "workloads/hf_config.h"

#include <algorithm>
#include <fstream>

namespace pjsim::workloads {

namespace {

const std::vector<std::string> kRequired = {"hidden_size", "num_hidden_layers", "num_attention_heads",
                                            "intermediate_size", "vocab_size"};
const std::vector<std::string> kOptional = {"num_key_value_heads", "head_dim", "max_position_embeddings",
                                            "sliding_window", "shared_expert_intermediate_size"};

std::vector<std::string> moe_required(const std::string& type) {
  if (type == "mixtral") return {"num_local_experts", "num_experts_per_tok"};
  if (type == "qwen3_moe") return {"num_experts", "num_experts_per_tok", "moe_intermediate_size"};
  return {};
}

bool has(const nlohmann::json& c, const std::string& key) { return c.contains(key) && !c.at(key).is_null(); }

std::string integer_text(const nlohmann::json& c, const std::string& key) {
  const auto& v = c.at(key);
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
    throw HfConfigError("field '" + key + "' must be a non-negative integer");
  return std::to_string(v.get<std::uint64_t>());
}

}  // namespace

const std::vector<std::string>& hf_model_types() {
  static const std::vector<std::string> types = {"llama", "mistral", "mixtral", "qwen3_moe"};
  return types;
}

HfFields hf_model_fields(const nlohmann::json& c) {
  if (!c.is_object()) throw HfConfigError("expected a JSON object");
  if (!has(c, "model_type") || !c.at("model_type").is_string()) throw HfConfigError("missing field 'model_type'");
  const std::string type = c.at("model_type").get<std::string>();
  const auto& types = hf_model_types();
  if (std::find(types.begin(), types.end(), type) == types.end()) {
    std::string list;
    for (const auto& t : types) list += (list.empty() ? "" : ", ") + t;
    throw HfConfigError("model_type '" + type + "' is not supported (" + list + ")");
  }
  const bool moe = !moe_required(type).empty();
  for (const char* key : {"num_local_experts", "num_experts", "num_experts_per_tok", "moe_intermediate_size"})
    if (!moe && has(c, key) && !(c.at(key).is_number_integer() && c.at(key).get<std::int64_t>() == 0))
      throw HfConfigError("field '" + std::string(key) + "' is a mixture-of-experts field, but model_type '" + type +
                          "' is dense (pjsim would run it dense): use model_type mixtral or qwen3_moe, or drop the field");
  if (moe && has(c, "num_local_experts") && has(c, "num_experts") &&
      integer_text(c, "num_local_experts") != integer_text(c, "num_experts"))
    throw HfConfigError("fields 'num_local_experts' (" + integer_text(c, "num_local_experts") + ") and 'num_experts' (" +
                        integer_text(c, "num_experts") + ") disagree: keep one");
  HfFields out{{"model_type", type}};
  std::vector<std::string> required = kRequired;
  for (const auto& k : moe_required(type)) required.push_back(k);
  for (const auto& key : required) {
    if (!has(c, key)) throw HfConfigError("missing field '" + key + "'");
    out.emplace_back(key, integer_text(c, key));
  }
  for (const auto& key : kOptional)
    if (has(c, key)) out.emplace_back(key, integer_text(c, key));
  if (has(c, "tie_word_embeddings")) {
    if (!c.at("tie_word_embeddings").is_boolean()) throw HfConfigError("field 'tie_word_embeddings' must be true or false");
    out.emplace_back("tie_word_embeddings", c.at("tie_word_embeddings").get<bool>() ? "true" : "false");
  }
  if (has(c, "hidden_act")) {
    if (!c.at("hidden_act").is_string()) throw HfConfigError("field 'hidden_act' must be a string");
    out.emplace_back("hidden_act", c.at("hidden_act").get<std::string>());
  }
  return out;
}

HfFields hf_model_fields_from_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw HfConfigError("cannot read file");
  nlohmann::json c;
  try {
    c = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw HfConfigError(std::string("malformed JSON: ") + e.what());
  }
  return hf_model_fields(c);
}

}  // namespace pjsim::workloads
