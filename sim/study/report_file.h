// Reading a point's report.json back (pjsim diff, pjsim reprice, sweep --resume, pjsim merge):
// only what pjsim wrote, and nothing that could hang, exhaust memory or crash the reader.
//
//   a regular file (not a FIFO, a device, a link to /dev/zero) of at most 2 GiB;
//   JSON nested at most 64 deep, without duplicate keys or numbers past a double;
//   an object whose schema_version has this pjsim's major version (1.x);
//   its headline figures (config_hash, energy, tokens, time, ratios, MACs) present, as numbers.
//
// Example: read_report_file("d.json") on 100,000 nested '[' throws UserError
//   "d.json: JSON nested more than 64 levels deep"; on {"schema_version": "2.0"} it throws
//   "d.json:1:2: schema_version: \"2.0\" is another major version; this pjsim reads 1.x reports";
//   a report whose energy_pj.total is null: "d.json: energy_pj.total: not a number (null)".
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace pjsim::sim {

/// Throws UserError, located in the file, at the first problem.
nlohmann::json read_report_file(const std::filesystem::path& path);

/// The checks after reading, on a report's text (`file` names it in errors): what the fuzz target
/// of reports read back (fuzz/report_json_fuzz.cc) exercises.
nlohmann::json parse_report_text(const std::string& text, const std::string& file);

/// The same checks without throwing: "" and the report in `out` when it is valid, else the
/// problem (for --resume, which sets a bad report aside and simulates the point again).
std::string report_file_problem(const std::filesystem::path& path, nlohmann::json& out);

}  // namespace pjsim::sim
