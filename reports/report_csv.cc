#include <string>

#include "reports/csv_field.h"
#include "reports/figure_catalog.h"
#include "reports/report.h"

namespace pjsim::reports {

namespace {

std::string join_key(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

struct CsvWriter {
  std::string point;
  std::string out;

  // `row` is the object holding the value, for a price row's own unit ("pJ/bit").
  void flatten(const nlohmann::json& node, const std::string& path, const nlohmann::json* row) {
    if (node.is_number()) {
      const FigureInfo& info = figure_info(path);
      std::string unit = info.unit;
      if (unit == "pJ/unit" && row && row->contains("unit") && (*row)["unit"].is_string()) unit = (*row)["unit"].get<std::string>();
      // nlohmann prints integers exactly and doubles in shortest round-trip form.
      out += csv_field(path) + "," + node.dump() + "," + csv_field(unit) + "," + csv_field(info.description) + "," + point + "\n";
    } else if (node.is_object()) {
      for (const auto& [name, child] : node.items()) flatten(child, join_key(path, name), &node);
    } else if (node.is_array()) {
      for (std::size_t i = 0; i < node.size(); ++i) {
        const auto& child = node[i];
        const bool named = child.is_object() && child.contains("key") && child["key"].is_string();
        flatten(child, join_key(path, named ? child["key"].get<std::string>() : std::to_string(i)), &node);
      }
    }
    // Strings, booleans and nulls are not numbers: report.json carries them.
  }
};

}  // namespace

std::string to_csv(const nlohmann::json& report) {
  CsvWriter w;
  w.point = csv_field(report.value("name", ""));
  w.out = "key,value,unit,description,point\n";
  for (const auto& [name, child] : report.items())
    if (name != "config" && name != "ledger") w.flatten(child, name, nullptr);  // ledger: ledger.csv
  return w.out;
}

}  // namespace pjsim::reports
