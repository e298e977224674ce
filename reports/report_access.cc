#include "reports/report_access.h"

namespace pjsim::reports {

namespace {

const nlohmann::json* find(const nlohmann::json& report, const std::string& pointer) {
  const nlohmann::json::json_pointer ptr(pointer);
  // contains() throws on a pointer that walks through a non-container; a report of another
  // shape simply lacks the value.
  try {
    return report.contains(ptr) ? &report.at(ptr) : nullptr;
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}

}  // namespace

double number_at(const nlohmann::json& report, const std::string& pointer, double fallback) {
  const auto* v = find(report, pointer);
  return v && v->is_number() ? v->get<double>() : fallback;
}

std::string string_at(const nlohmann::json& report, const std::string& pointer, const std::string& fallback) {
  const auto* v = find(report, pointer);
  return v && v->is_string() ? v->get<std::string>() : fallback;
}

const nlohmann::json& object_at(const nlohmann::json& report, const std::string& pointer) {
  static const nlohmann::json empty = nlohmann::json::object();
  const auto* v = find(report, pointer);
  return v && v->is_object() ? *v : empty;
}

}  // namespace pjsim::reports
