// `pjsim reprice REPORT --technology T`: prices a stored report's ledger with another
// technology table, without simulating again (count first, price second).
//
// Example: pjsim reprice out/default/report.json --technology horowitz-45nm --out out/default-45nm
//   reads the report's `ledger` (schema 1.1), prices every entry with horowitz-45nm and writes
//   out/default-45nm/report.{json,md,csv,html}. Time, counts and utilisation are unchanged; the
//   energy sections, per-token figures, ratios, prices, `technology` and config.arch.technology
//   (hence config_hash) are those of the new table. Repricing with the table the report was
//   made with reproduces it byte for byte.
// T is a technology preset name or a YAML file whose top-level key is `technology:`.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "models/technology.h"

namespace pjsim::sim {

struct RepriceOptions {
  std::string report;      ///< report.json, or a folder holding one
  std::string technology;  ///< preset name or file
  std::string out;         ///< default: out/reprice/<name>-<technology name>
  bool quiet = false;
  bool force = false;      ///< write into a folder that holds a study or a comparison
};

int run_reprice(const RepriceOptions& options);

/// A technology table from a preset name or a `technology:` file, through the config layer
/// (so units, sources and errors are as in design points); `resolved` gets its config section.
models::Technology load_technology(const std::string& name_or_file, nlohmann::json& resolved);

/// The report priced with `tech` (see above). Throws UserError when the report has no ledger or
/// a counted action has no price in `tech`.
nlohmann::json reprice_report(const nlohmann::json& report, const models::Technology& tech,
                              const nlohmann::json& tech_config);

}  // namespace pjsim::sim
