#include "sim/config/schema_rows.h"

#include "workloads/precision.h"

namespace pjsim::sim {

SchemaRow text_row(std::string path, std::string doc) {
  SchemaRow r;
  r.path = std::move(path);
  r.doc = std::move(doc);
  return r;
}

SchemaRow int_row(std::string path, Presence presence, std::string def, double min, double max, std::string doc) {
  SchemaRow r = text_row(std::move(path), std::move(doc));
  r.type = ValueType::integer;
  r.presence = presence;
  r.default_text = std::move(def);
  r.min = min;
  r.max = max;
  return r;
}

SchemaRow number_row(std::string path, Presence presence, std::string def, double min, double max, std::string doc) {
  SchemaRow r = int_row(std::move(path), presence, std::move(def), min, max, std::move(doc));
  r.type = ValueType::number;
  return r;
}

SchemaRow bool_row(std::string path, std::string def, std::string doc) {
  SchemaRow r = text_row(std::move(path), std::move(doc));
  r.type = ValueType::boolean;
  r.presence = Presence::defaulted;
  r.default_text = std::move(def);
  return r;
}

KindBounds bounds_of(UnitKind unit) {
  switch (unit) {
    case UnitKind::frequency: return {1e6, 1e11, "1 MHz", "100 GHz"};
    case UnitKind::bandwidth: return {1e6, 1e15, "1 MB/s", "1000 TB/s"};
    case UnitKind::bytes: return {1, 0x1p50, "1 B", "1024 TiB"};
    case UnitKind::time: return {1e-15, 1e-3, "1e-15 s", "1 ms"};
    case UnitKind::power: return {1e-3, 1e6, "1 mW", "1000 kW"};
    case UnitKind::energy: return {1e-3, 1e6, "1 fJ", "1000 nJ"};
    case UnitKind::energy_per_bit: return {1e-3, 1e6, "1 fJ/bit", "1000 nJ/bit"};
    case UnitKind::voltage: return {0.05, 10, "50 mV", "10 V"};
    case UnitKind::area: return {1e-9, 1e5, "0.001 um^2", "1000 cm^2"};
  }
  return {0, 0, "", ""};
}

SchemaRow quantity_row(std::string path, UnitKind unit, Presence presence, std::string def, bool positive,
                       std::string doc) {
  SchemaRow r = text_row(std::move(path), std::move(doc));
  r.type = ValueType::quantity;
  r.unit = unit;
  r.presence = presence;
  r.default_text = std::move(def);
  r.positive = positive;
  r.min = positive ? bounds_of(unit).least : 0;
  r.max = bounds_of(unit).most;
  return r;
}

SchemaRow price_row(std::string path, UnitKind unit, std::string price_unit, std::string doc) {
  SchemaRow r = text_row(std::move(path), std::move(doc));
  r.type = ValueType::price;
  r.unit = unit;
  r.price_unit = std::move(price_unit);
  r.max = bounds_of(unit).most;
  return r;
}

SchemaRow choice_row(std::string path, std::string def, std::vector<std::string> choices, std::string doc) {
  SchemaRow r = text_row(std::move(path), std::move(doc));
  r.type = ValueType::choice;
  r.presence = Presence::defaulted;
  r.default_text = std::move(def);
  r.choices = std::move(choices);
  return r;
}

// The three keys every preset section carries.
void add_preset_keys(std::vector<SchemaRow>& rows, const std::string& section, const std::string& kind) {
  rows.push_back(text_row(section + ".base", "the " + kind + " preset this section starts from (a scalar section means {base: NAME})"));
  rows.push_back(text_row(section + ".description", "one line shown by `pjsim list`"));
  rows.push_back(text_row(section + ".source", "where the section's numbers come from (free text)"));
}

std::vector<std::string> precision_names() {
  std::vector<std::string> names;
  for (auto p : workloads::all_precisions()) names.push_back(workloads::to_string(p));
  return names;
}

}  // namespace pjsim::sim
