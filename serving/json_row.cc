#include "serving/json_row.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "serving/fields.h"

namespace pjsim::serving {

namespace {

/// A trace row is flat ({"hash_ids": [...]} is depth 2); deeper nesting is refused while parsing.
constexpr int max_depth = 8;

std::string list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

nlohmann::json parse_json_row(const std::string& line, const std::vector<std::string>& known, const LineReader& at) {
  std::set<std::string> seen;
  std::string problem;
  // The callback sees every key of the top-level object (depth 1) and every container opening,
  // so a duplicate key or a deep nesting stops the parse before any large value is built.
  const nlohmann::json::parser_callback_t check = [&](int depth, nlohmann::json::parse_event_t event,
                                                      nlohmann::json& parsed) {
    if ((event == nlohmann::json::parse_event_t::object_start || event == nlohmann::json::parse_event_t::array_start) &&
        depth >= max_depth)
      problem = "nested deeper than " + std::to_string(max_depth) + " levels";
    if (event == nlohmann::json::parse_event_t::key && depth == 1 && !seen.insert(parsed.get<std::string>()).second)
      problem = "duplicate field '" + printable(parsed.get<std::string>(), 40) + "'";
    if (!problem.empty()) throw std::runtime_error(problem);
    return true;
  };
  nlohmann::json row;
  try {
    row = nlohmann::json::parse(line, check);
  } catch (const nlohmann::json::exception& e) {
    at.fail(std::string("not a JSON object: ") + e.what());
  } catch (const std::runtime_error&) {
    at.fail(problem);
  }
  if (!row.is_object()) at.fail(std::string("expected a JSON object, found a JSON ") + row.type_name());
  std::vector<std::string> unknown;
  for (auto it = row.begin(); it != row.end(); ++it)
    if (std::find(known.begin(), known.end(), it.key()) == known.end()) unknown.push_back(printable(it.key(), 40));
  if (!unknown.empty()) at.fail("unknown field(s) " + list(unknown) + " (known: " + list(known) + ")");
  return row;
}

const nlohmann::json& required_field(const nlohmann::json& row, const std::string& key, const LineReader& at) {
  const auto it = row.find(key);
  if (it == row.end()) at.fail("missing field '" + key + "'");
  return *it;
}

std::uint64_t json_count(const nlohmann::json& v, const std::string& key, const LineReader& at) {
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
    at.fail("field '" + key + "' must be a whole number of tokens, found " + printable(v.dump(), 40));
  const std::uint64_t n = v.get<std::uint64_t>();
  if (n > max_request_tokens) at.fail("field '" + key + "': " + std::to_string(n) + " tokens is more than the limit of 2^32");
  return n;
}

double json_seconds(const nlohmann::json& v, const std::string& key, const LineReader& at) {
  if (!v.is_number()) at.fail("field '" + key + "' must be a number, found " + printable(v.dump(), 40));
  const double s = v.get<double>();
  if (!std::isfinite(s) || s < 0) at.fail("field '" + key + "' must be finite and non-negative, found " + v.dump());
  return s;
}

std::vector<std::uint64_t> json_ids(const nlohmann::json& v, const std::string& key, const LineReader& at) {
  if (!v.is_array()) at.fail("field '" + key + "' must be an array of block ids, found a JSON " + v.type_name());
  std::vector<std::uint64_t> ids;
  ids.reserve(v.size());
  for (const auto& id : v) {
    if (!id.is_number_unsigned() && !(id.is_number_integer() && id.get<std::int64_t>() >= 0))
      at.fail("field '" + key + "': block id " + printable(id.dump(), 40) + " is not a whole number");
    ids.push_back(id.get<std::uint64_t>());
  }
  return ids;
}

}  // namespace pjsim::serving
