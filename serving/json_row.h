// Parses one line of a JSON Lines trace (Mooncake, plain JSONL) into an object and reads its
// fields, strictly: the line is one JSON object, nested at most 8 deep, with no duplicate and no
// unknown field; counts are whole numbers, times finite and non-negative.
//
// Example: parse_json_row(R"({"timestamp": 0, "input_length": 6758, "output_length": 500,
// "hash_ids": [0, 1]})", {"timestamp", "input_length", "output_length", "hash_ids"}, at) is the
// object; a line {"timestamp": 0, "timestamp": 1} fails "duplicate field 'timestamp'".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "serving/line_reader.h"

namespace pjsim::serving {

/// The object on `line` (read by `at`); fields outside `known` are an error naming them all.
nlohmann::json parse_json_row(const std::string& line, const std::vector<std::string>& known, const LineReader& at);

/// A required field (missing is an error).
const nlohmann::json& required_field(const nlohmann::json& row, const std::string& key, const LineReader& at);
/// A whole number of tokens, 0 to max_request_tokens (fields.h).
std::uint64_t json_count(const nlohmann::json& value, const std::string& key, const LineReader& at);
/// A finite, non-negative number.
double json_seconds(const nlohmann::json& value, const std::string& key, const LineReader& at);
/// An array of unsigned 64-bit integers.
std::vector<std::uint64_t> json_ids(const nlohmann::json& value, const std::string& key, const LineReader& at);

}  // namespace pjsim::serving
