#include "sim/config/schema.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "sim/config/schema_rows.h"

namespace pjsim::sim {

namespace {

std::vector<SchemaRow> make_schema() {
  std::vector<SchemaRow> s;
  s.push_back(text_row("name", "name of the design point; default: the file stem (\"default\" for the embedded point)"));
  s.push_back(text_row("description", "one line shown by `pjsim list`"));

  add_arch_rows(s);
  add_workload_rows(s);
  add_serving_rows(s);
  return s;
}

std::string type_text(const SchemaRow& r) {
  switch (r.type) {
    case ValueType::integer: return "integer";
    case ValueType::boolean: return "boolean";
    case ValueType::quantity: return std::string("quantity (") + kind_description(r.unit) + ")";
    case ValueType::price: return "price";
    case ValueType::choice: return "choice";
    case ValueType::text: return "text";
    case ValueType::number: return "number";
    case ValueType::number_list: return "list of numbers";
    case ValueType::choice_list: return "list of names";
    case ValueType::chunk_list: return "list of {tokens, prior, logits}";
  }
  return "?";
}

std::string unit_text(const SchemaRow& r) {
  if (r.type == ValueType::price) return r.price_unit;
  if (r.type != ValueType::quantity) return "";
  std::string out;
  for (const auto& u : unit_symbols(r.unit)) out += (out.empty() ? "" : ", ") + u;
  return out;
}

std::string default_cell(const SchemaRow& r) {
  switch (r.presence) {
    case Presence::required: return "required";
    case Presence::optional: return "unset";
    case Presence::defaulted: return "`" + r.default_text + "`";
  }
  return "";
}

}  // namespace

const std::vector<SchemaRow>& schema() {
  static const std::vector<SchemaRow> rows = make_schema();
  return rows;
}

const SchemaRow* find_row(const std::string& path) {
  static const std::map<std::string, const SchemaRow*> index = [] {
    std::map<std::string, const SchemaRow*> m;
    for (const auto& r : schema()) m[r.path] = &r;
    return m;
  }();
  const auto it = index.find(path);
  return it == index.end() ? nullptr : it->second;
}

bool is_section(const std::string& path) {
  static const std::set<std::string> sections = [] {
    std::set<std::string> out = {""};
    for (const auto& r : schema())
      for (auto dot = r.path.find('.'); dot != std::string::npos; dot = r.path.find('.', dot + 1)) out.insert(r.path.substr(0, dot));
    return out;
  }();
  return sections.count(path) > 0;
}

std::vector<std::string> child_keys(const std::string& section) {
  std::set<std::string> keys;
  const std::string prefix = section.empty() ? "" : section + ".";
  for (const auto& r : schema()) {
    if (r.path.compare(0, prefix.size(), prefix) != 0 || r.path.size() == prefix.size()) continue;
    const std::string rest = r.path.substr(prefix.size());
    keys.insert(rest.substr(0, rest.find('.')));
  }
  return {keys.begin(), keys.end()};
}

std::string preset_kind(const std::string& section) {
  if (section == "arch") return "arch";
  if (section == "arch.technology") return "technology";
  if (section == "workload") return "workload";
  if (section == "workload.model" || section == "workload.speculative.draft_model") return "model";
  return "";
}

std::string range_text(const SchemaRow& r) {
  switch (r.type) {
    case ValueType::integer:
    case ValueType::number:
    case ValueType::number_list: return fmt::format("{}..{}", r.min, r.max);
    case ValueType::quantity:
    case ValueType::price: {
      const KindBounds b = bounds_of(r.unit);
      return fmt::format("{}..{}", r.positive ? b.least_text : "0", b.most_text);
    }
    case ValueType::chunk_list: return fmt::format("tokens {}..{}, prior 0..{}", r.min, r.max, r.max);
    case ValueType::choice:
    case ValueType::choice_list: {
      std::string out;
      for (const auto& c : r.choices) out += (out.empty() ? "" : ", ") + c;
      return out;
    }
    default: return "";
  }
}

std::string schema_markdown() {
  std::string out = "| key | type | units | default | range | meaning |\n|---|---|---|---|---|---|\n";
  for (const auto& r : schema())
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", r.path, type_text(r), unit_text(r), default_cell(r),
                       range_text(r), r.doc);
  return out;
}

}  // namespace pjsim::sim
