#include "sim/config/values.h"

#include <algorithm>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <regex>

#include <fmt/format.h>

#include "sim/config/input_limits.h"
#include "sim/config/schema.h"
#include "workloads/precision.h"

namespace pjsim::sim {

namespace {

std::string expected(const SchemaRow& row) {
  switch (row.type) {
    case ValueType::integer: return "an integer in " + range_text(row);
    case ValueType::boolean: return "true or false";
    case ValueType::quantity:
    case ValueType::price: return fmt::format("{}, e.g. \"{}\"", kind_description(row.unit), kind_example(row.unit));
    case ValueType::choice: return "one of " + range_text(row);
    case ValueType::text: return "text";
    case ValueType::number: return "a number in " + range_text(row);
    case ValueType::number_list: return "a list of numbers in " + range_text(row);
    case ValueType::choice_list: return "a list of names from " + range_text(row);
    case ValueType::chunk_list: return "a list of chunks {tokens: N, prior: N, logits: true|false} (" + range_text(row) + ")";
  }
  return "?";
}

std::string what_is(const YAML::Node& node) {
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  return "nothing";
}

// Quoted scalars carry the non-specific tag "!": `cores: "2"` is a string, not an integer.
bool is_quoted(const YAML::Node& node) { return node.Tag() == "!"; }

// Before a number's text meets std::regex, which recurses per character.
void refuse_long_number(const SchemaRow& row, const std::string& text, const Location& where) {
  if (text.size() > kMaxNumberChars)
    fail_at(where, row.path, fmt::format("expected {}, got a text of {} characters", expected(row), text.size()));
}

std::uint64_t parse_integer(const SchemaRow& row, const YAML::Node& node, const Location& where) {
  static const std::regex integer_form("^[+-]?[0-9]+$");
  static const std::regex number_form(R"(^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$)");
  const std::string text = node.Scalar();
  refuse_long_number(row, text, where);
  const std::string out_of_range = fmt::format("'{}' is out of range {}", text, range_text(row));
  if (is_quoted(node))
    fail_at(where, row.path, fmt::format("expected {}, got the quoted string \"{}\" (write numbers without quotes)", expected(row), text));
  if (!std::regex_match(text, number_form))
    fail_at(where, row.path, fmt::format("expected {}, got '{}'", expected(row), text));
  if (std::regex_match(text, integer_form)) {
    if (text[0] == '-') {
      if (text.find_first_not_of("-0") != std::string::npos || row.min > 0) fail_at(where, row.path, out_of_range);
      return 0;
    }
    errno = 0;
    const unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
    // Compared as integers: past 2^53 a double rounds (2^53 + 1 would pass a max of 2^53).
    if (errno == ERANGE || v < static_cast<unsigned long long>(row.min) || v > static_cast<unsigned long long>(row.max))
      fail_at(where, row.path, out_of_range);
    return v;
  }
  // "1e30" or "2.0": a number written as a float; huge ones are a range error, fractions a type error.
  const double v = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(v) || v < row.min || v > row.max) fail_at(where, row.path, out_of_range);
  if (v != std::floor(v)) fail_at(where, row.path, fmt::format("expected {}, got '{}'", expected(row), text));
  return static_cast<std::uint64_t>(v);
}

double parse_number(const SchemaRow& row, const YAML::Node& node, const Location& where) {
  static const std::regex number_form(R"(^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$)");
  const std::string text = node.Scalar();
  refuse_long_number(row, text, where);
  if (is_quoted(node) || !std::regex_match(text, number_form))
    fail_at(where, row.path, fmt::format("expected {}, got '{}'", expected(row), text));
  const double v = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(v) || v < row.min || v > row.max)
    fail_at(where, row.path, fmt::format("'{}' is out of range {}", text, range_text(row)));
  return v == 0 ? 0.0 : v;  // -0 reads as 0: one value, one canonical text, one config hash
}

double parse_amount(const SchemaRow& row, const std::string& text, const Location& where) {
  const QuantityResult q = parse_quantity(text, row.unit);
  if (!q.value) fail_at(where, row.path, q.error);
  if (*q.value < 0) fail_at(where, row.path, fmt::format("must be >= 0, got '{}'", text));
  if (row.positive && *q.value == 0) fail_at(where, row.path, fmt::format("must be > 0, got '{}'", text));
  if (*q.value < row.min || *q.value > row.max)
    fail_at(where, row.path, fmt::format("'{}' is out of range {}", text, range_text(row)));
  return *q.value == 0 ? 0.0 : *q.value;  // "-0 W" reads as "0 W": one canonical text, one config hash
}

std::string parse_choice(const SchemaRow& row, const std::string& text, const Location& where) {
  if (row.path.compare(0, 19, "workload.precision.") == 0)
    if (const auto p = workloads::parse_precision(text)) return workloads::to_string(*p);
  for (const auto& c : row.choices)
    if (c == text) return c;
  fail_at(where, row.path, fmt::format("unknown value '{}'; {}", text, suggest(text, row.choices, "expected one of")));
}

// One chunk of a chunk_list: a map with tokens (required, >= min), prior (default 0) and logits
// (default true).
workloads::PrefillChunk parse_chunk(const SchemaRow& row, const YAML::Node& item, const Location& where) {
  if (!item.IsMap()) fail_at(where, row.path, "expected " + expected(row) + ", got " + (item.IsScalar() ? "'" + item.Scalar() + "'" : what_is(item)));
  workloads::PrefillChunk c;
  bool has_tokens = false;
  SchemaRow prior_row = row;
  prior_row.min = 0;
  for (const auto& entry : item) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
    const Location at = location_of(where.file, entry.second.Mark());
    const Location key_where = at.line > 0 && where.line > 0 ? at : where;
    const YAML::Node& value = entry.second;
    const Location name_at = location_of(where.file, entry.first.Mark());
    if (key != "tokens" && key != "prior" && key != "logits")
      fail_at(name_at.line > 0 && where.line > 0 ? name_at : where, row.path + "." + key,
              key.find(':') != std::string::npos
                  ? "unknown chunk key; YAML needs a space after the colon: {tokens: 16}, not {tokens:16}"
                  : "unknown chunk key; " + suggest(key, {"logits", "prior", "tokens"}));
    if (!value.IsScalar()) fail_at(key_where, row.path + "." + key, "expected a value, got " + what_is(value));
    if (key == "tokens") {
      SchemaRow tokens_row = row;
      tokens_row.path = row.path + ".tokens";
      tokens_row.type = ValueType::integer;
      c.tokens = parse_integer(tokens_row, value, key_where);
      has_tokens = true;
    } else if (key == "prior") {
      prior_row.path = row.path + ".prior";
      prior_row.type = ValueType::integer;
      c.prior = parse_integer(prior_row, value, key_where);
    } else {
      if (is_quoted(value) || (value.Scalar() != "true" && value.Scalar() != "false"))
        fail_at(key_where, row.path + ".logits", fmt::format("expected true or false, got '{}'", value.Scalar()));
      c.logits = value.Scalar() == "true";
    }
  }
  if (!has_tokens) fail_at(where, row.path + ".tokens", "every chunk needs tokens (new prompt positions, >= 1)");
  return c;
}

Value parse_leaf(const SchemaRow& row, const Setting& setting) {
  YAML::Node node = setting.node;
  Value v;
  v.present = true;
  v.where = setting.where;
  if (row.type == ValueType::chunk_list && node.IsMap() && !node["value"])
    fail_at(v.where, row.path, "expected " + expected(row) + ", got a map: write a list, e.g. [{tokens: 512}]");
  if (node.IsMap()) {  // {value: ..., source: ...}
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      if (key != "value" && key != "source")
        fail_at(setting.where.line > 0 ? location_of(setting.where.file, entry.first.Mark()) : setting.where,
                row.path + "." + key,
                "unknown key; " + suggest(key, {"source", "value"}));
    }
    if (!node["value"]) fail_at(setting.where, row.path, "a {value, source} map needs a value");
    if (const YAML::Node source = node["source"]) {
      if (!source.IsScalar()) fail_at(setting.where, row.path + ".source", "expected text");
      v.source = source.Scalar();
    }
    node = node["value"];
    const Location inner = location_of(setting.where.file, node.Mark());
    if (inner.line > 0 && setting.where.line > 0) v.where = inner;  // --set values carry no file position
  }
  if (row.type == ValueType::number_list && node.IsSequence()) {
    for (const auto& item : node) {
      const Location at = location_of(v.where.file, item.Mark());
      const Location item_where = at.line > 0 && v.where.line > 0 ? at : v.where;
      if (!item.IsScalar()) fail_at(item_where, row.path, "expected " + expected(row) + ", got " + what_is(item));
      v.list.push_back(parse_number(row, item, item_where));
    }
    return v;
  }
  if (row.type == ValueType::choice_list && node.IsSequence()) {
    for (const auto& item : node) {
      const Location at = location_of(v.where.file, item.Mark());
      const Location item_where = at.line > 0 && v.where.line > 0 ? at : v.where;
      if (!item.IsScalar()) fail_at(item_where, row.path, "expected " + expected(row) + ", got " + what_is(item));
      const std::string name = parse_choice(row, item.Scalar(), item_where);
      if (std::find(v.names.begin(), v.names.end(), name) != v.names.end())
        fail_at(item_where, row.path, "'" + name + "' is listed twice");
      v.names.push_back(name);
    }
    return v;
  }
  if (row.type == ValueType::chunk_list && node.IsSequence()) {
    for (const auto& item : node) {
      const Location at = location_of(v.where.file, item.Mark());
      v.chunks.push_back(parse_chunk(row, item, at.line > 0 && v.where.line > 0 ? at : v.where));
    }
    return v;
  }
  if (!node.IsScalar() || row.type == ValueType::number_list || row.type == ValueType::choice_list ||
      row.type == ValueType::chunk_list)
    fail_at(v.where, row.path, "expected " + expected(row) + ", got " + (node.IsScalar() ? "'" + node.Scalar() + "'" : what_is(node)));
  const std::string text = node.Scalar();
  switch (row.type) {
    case ValueType::integer: v.integer = parse_integer(row, node, v.where); break;
    case ValueType::boolean:
      if (is_quoted(node) || (text != "true" && text != "false"))
        fail_at(v.where, row.path, fmt::format("expected true or false, got '{}'", text));
      v.flag = text == "true";
      break;
    case ValueType::quantity: v.number = parse_amount(row, text, v.where); break;
    case ValueType::price:
      v.number = parse_amount(row, text, v.where);
      if (v.source.empty())
        v.source = "set in " + (v.where.line > 0 ? v.where.file + ":" + std::to_string(v.where.line) : v.where.file);
      break;
    case ValueType::choice: v.text = parse_choice(row, text, v.where); break;
    case ValueType::text: v.text = text; break;
    case ValueType::number: v.number = parse_number(row, node, v.where); break;
    case ValueType::number_list:
    case ValueType::choice_list:
    case ValueType::chunk_list: break;  // handled above
  }
  return v;
}

// The default of a row as YAML, parsed once (a load reads about 150 defaults).
YAML::Node default_node(const SchemaRow& row) {
  static std::map<const SchemaRow*, YAML::Node> parsed;
  const auto it = parsed.find(&row);
  if (it != parsed.end()) return YAML::Clone(it->second);
  return YAML::Clone(parsed[&row] = YAML::Load(row.default_text));
}

// Where to point for a key nobody set: its nearest enclosing section that was written somewhere.
Location blame(const FlatConfig& flat, const std::string& path, const std::string& file) {
  std::string section = path;
  while (!section.empty()) {
    const auto dot = section.rfind('.');
    section = dot == std::string::npos ? "" : section.substr(0, dot);
    const auto it = flat.sections.find(section);
    if (it != flat.sections.end()) return it->second;
  }
  return Location{file};
}

}  // namespace

Values read_values(const FlatConfig& flat, const std::string& file) {
  Values out;
  for (const SchemaRow& row : schema()) {
    const auto it = flat.leaves.find(row.path);
    Value v;
    if (it != flat.leaves.end()) {
      v = parse_leaf(row, it->second);
      v.written = true;
    } else if (row.presence == Presence::defaulted) {
      v = parse_leaf(row, Setting{default_node(row), blame(flat, row.path, file)});
    } else if (row.presence == Presence::required) {
      fail_at(blame(flat, row.path, file), row.path,
              "required key is not set (no base preset or value sets it); expected " + expected(row));
    } else {
      v.where = blame(flat, row.path, file);
    }
    out[row.path] = v;
  }
  return out;
}

nlohmann::json resolved_json(const Values& values) {
  nlohmann::json root = nlohmann::json::object();
  for (const SchemaRow& row : schema()) {
    const Value& v = values.at(row.path);
    // An empty chunk list is left out: configs (and their hashes) without chunks stay as they were.
    if (row.type == ValueType::chunk_list && v.chunks.empty()) continue;
    nlohmann::json value;
    if (v.present) {
      switch (row.type) {
        case ValueType::integer: value = v.integer; break;
        case ValueType::boolean: value = v.flag; break;
        case ValueType::quantity: value = format_quantity(v.number, row.unit); break;
        case ValueType::price: value = {{"value", format_quantity(v.number, row.unit)}, {"source", v.source}}; break;
        case ValueType::choice:
        case ValueType::text: value = v.text; break;
        case ValueType::number: value = v.number; break;
        case ValueType::number_list: value = v.list; break;
        case ValueType::choice_list: value = v.names; break;
        case ValueType::chunk_list:
          value = nlohmann::json::array();
          for (const auto& c : v.chunks) value.push_back({{"tokens", c.tokens}, {"prior", c.prior}, {"logits", c.logits}});
          break;
      }
      if (row.type == ValueType::quantity && !v.source.empty()) root["sources"][row.path] = v.source;
    }
    std::string pointer = "/" + row.path;
    std::replace(pointer.begin(), pointer.end(), '.', '/');
    root[nlohmann::json::json_pointer(pointer)] = value;
  }
  return root;
}

}  // namespace pjsim::sim
