// Comparing two reports figure by figure, for CI: what moved beyond its tolerance.
//
// Example: old energy_pj.total = 1.000e10, new = 1.020e10 (+2 %), with the rule
//   {pattern "energy_pj.*", relative 0.01} -> one DiffRow {path "energy_pj.total", kind "moved",
//   relative_change 0.02}; diff.regression() is true. The same report against itself: no rows.
// Paths are dotted as in report.csv ("energy_pj.by_tier.hbm", "prices.arch.technology.hbm_read.pj",
// "ledger.mac|bf16|0|0|3|mlp|activations"). Patterns are shell globs (fnmatch, '*' crosses dots);
// the first matching rule wins, user rules before the defaults:
//   counts.*, ledger.*, simulation.*  relative 1e-9   (integers: effectively exact)
//   *                                 relative 1e-6   (energies, times, ratios)
// Strings must be equal (pjsim_version and config_hash are ignored: the config is compared key by
// key, and its hash changes whenever a newer minor schema adds a key). A key only in the new report is listed as
// "added" (a newer minor schema adds keys) and is not a regression; a key only in the old one
// is "removed" and is.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pjsim::reports {

struct Tolerance {
  std::string pattern;   ///< glob over the dotted path
  double relative = 0;   ///< |new - old| <= relative x max(|old|, |new|) ...
  double absolute = 0;   ///< ... or <= absolute
};

/// The default rules above.
std::vector<Tolerance> default_tolerances();

struct DiffRow {
  std::string path;       ///< with a "<point id>/" prefix when diffing sweeps
  std::string kind;       ///< "moved", "changed" (a string), "added", "removed"
  std::string old_value;  ///< as JSON text; empty when absent
  std::string new_value;
  double relative_change = 0;  ///< (new - old) / |old| for numbers; 0 otherwise
  double tolerance = 0;        ///< the relative tolerance that applied
};

struct ReportDiff {
  std::vector<DiffRow> rows;
  std::size_t compared = 0;  ///< numbers and strings compared
  bool regression() const;   ///< any row but "added"
};

/// Compares every leaf of two reports; `prefix` is prepended to paths ("p003/").
void diff_reports(const nlohmann::json& old_report, const nlohmann::json& new_report,
                  const std::vector<Tolerance>& rules, const std::string& prefix, ReportDiff& out);

/// The table `pjsim diff` prints: path, old, new, change, tolerance; then a one-line verdict.
std::string diff_table(const ReportDiff& diff);

}  // namespace pjsim::reports
