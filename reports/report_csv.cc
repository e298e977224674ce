#include <string>

#include "reports/csv_field.h"
#include "reports/report.h"

namespace pjsim::reports {

namespace {

std::string join_key(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

void flatten(const nlohmann::json& node, const std::string& path, std::string& out) {
  if (node.is_number()) {
    // nlohmann prints integers exactly and doubles in shortest round-trip form.
    out += csv_field(path) + "," + node.dump() + "\n";
  } else if (node.is_object()) {
    for (const auto& [name, child] : node.items()) flatten(child, join_key(path, name), out);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      const auto& child = node[i];
      const bool named = child.is_object() && child.contains("key") && child["key"].is_string();
      flatten(child, join_key(path, named ? child["key"].get<std::string>() : std::to_string(i)), out);
    }
  }
  // Strings, booleans and nulls are not numbers: report.json carries them.
}

}  // namespace

std::string to_csv(const nlohmann::json& report) {
  std::string out = "key,value\n";
  for (const auto& [name, child] : report.items())
    if (name != "config" && name != "ledger") flatten(child, name, out);  // ledger: tagged counts, in the JSON only
  return out;
}

}  // namespace pjsim::reports
