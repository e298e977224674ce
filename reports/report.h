// The versioned report of one design point: report.json (schema kSchemaVersion, see
// docs/report-schema.md), report.md, report.csv and the console summary of `pjsim run`.
//
// Example:
//   nlohmann::json report = build_report(result, "0.1.0");
//   report["energy_pj"]["total"]         // e.g. 1.92e10 pJ: dynamic + static
//   report["energy_pj"]["by_tier"]["hbm"] // the HBM share; by_tier sums to total
//   write_reports(report, "out/default"); // out/default/report.{json,md,csv,html}
//   std::cout << console_summary(report);
//
// The JSON is the single source: Markdown, CSV and the summary are renderings of it, so they
// can be regenerated from a stored report.json without simulating again.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "reports/run_result.h"

namespace pjsim::reports {

/// The report of a finished run. Every breakdown is derived from the ledger priced by
/// r.technology, so totals and breakdowns agree by construction. Never includes wall-clock
/// time: the same RunResult gives the same JSON. Throws models::MissingPrice when a counted
/// action has no price (e.g. key_path "arch.technology.mac.int4").
nlohmann::json build_report(const RunResult& r, const std::string& pjsim_version);

/// The exact bytes of report.json: dump(2) plus a trailing newline (keys sorted by nlohmann).
std::string dump_report(const nlohmann::json& report);

struct WrittenReports {
  std::filesystem::path json, markdown, csv, ledger_csv, html;  ///< html empty when not written
};

struct WriteOptions {
  bool html = true;  ///< write report.html (a sweep's points skip it unless `--html`)
};

/// Writes dir/report.md, report.csv, ledger.csv, report.html and, last, report.json, creating dir. Each file
/// is written to a temporary name in dir, synced, then renamed over the final name, so a crash
/// leaves either the old file or the new one, never half a file; report.json (what `--resume`
/// reads) is new only when the others are. Throws WriteError (reports/atomic_file.h) on I/O failure.
WrittenReports write_reports(const nlohmann::json& report, const std::filesystem::path& dir,
                             const WriteOptions& options = {});

/// The ~15-line aligned table `pjsim run` prints: point, phase and batch, latency, tokens/s,
/// energy per token, energy by tier with shares, movement-to-compute ratio. Example line:
///   "  hbm        8.21 mJ   64.9 %"
std::string console_summary(const nlohmann::json& report);

/// report.md: title, key figures, energy by tier / op / layer, counts, prices with sources.
std::string to_markdown(const nlohmann::json& report);

/// report.csv: a "key,value,unit,description,point" header then one row per number of the
/// report (config and ledger excluded: ledger.csv holds the ledger), key = dotted path
/// ("energy_pj.by_tier.hbm"), in sorted-key depth-first order; unit and description from
/// reports/figure_catalog.h; point = the report's name. An array element is named by its "key"
/// field when it has one ("prices.arch.technology.hbm_read.pj"), else by its index.
std::string to_csv(const nlohmann::json& report);

}  // namespace pjsim::reports
