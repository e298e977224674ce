// Tolerant reads of a report.json for the renderers (Markdown, CSV, console), which may be
// given a stored report of an older minor version that lacks a newer key.
//
// Example: number_at(report, "/energy_pj/by_tier/hbm") == 8.21e9;
//          number_at(report, "/no/such/key") == 0; string_at(report, "/name", "?") == "default".
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace pjsim::reports {

/// The number at a JSON pointer, or `fallback` when the key is absent or not a number.
double number_at(const nlohmann::json& report, const std::string& pointer, double fallback = 0.0);
/// The string at a JSON pointer, or `fallback` when absent or not a string.
std::string string_at(const nlohmann::json& report, const std::string& pointer, const std::string& fallback = "");
/// The object at a JSON pointer, or an empty object.
const nlohmann::json& object_at(const nlohmann::json& report, const std::string& pointer);

}  // namespace pjsim::reports
