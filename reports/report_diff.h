// Comparing two reports figure by figure, for CI: what moved beyond its tolerance, and whether
// the move is an improvement or a regression (reports/figure_catalog.h knows which direction is
// better: lower energy, higher tokens/s, ...).
//
// Example: old energy_pj.total = 1.000e10, new = 1.020e10 (+2 %), with the rule
//   {pattern "energy_pj.*", relative 0.01} -> one DiffRow {path "energy_pj.total", kind "moved",
//   verdict "regression" (lower is better), relative_change 0.02}. At 0.98e10 the verdict is
//   "improvement"; a figure whose direction does not matter (a count) is a "change". The same
//   report against itself: no rows.
// Paths are dotted as in report.csv ("energy_pj.by_tier.hbm", "prices.arch.technology.hbm_read.pj",
// "ledger.mac|bf16|0|0|3|mlp|activations"). Patterns are shell globs (fnmatch, '*' crosses dots);
// the first matching rule wins, user rules before the defaults:
//   counts.*, ledger.*, simulation.*  relative 1e-9   (integers: effectively exact)
//   *                                 relative 1e-6   (energies, times, ratios)
// Strings must be equal (pjsim_version and config_hash are ignored: the config is compared key by
// key, and its hash changes whenever a newer minor schema adds a key). A key only in the new report
// is "added" (a newer minor schema adds keys) and is not a regression; a key only in the old one is
// "removed" and is: its new value is absent, never read as 0.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/figure_catalog.h"

namespace pjsim::reports {

struct Tolerance {
  std::string pattern;   ///< glob over the dotted path
  double relative = 0;   ///< |new - old| <= relative x max(|old|, |new|) ...
  double absolute = 0;   ///< ... or <= absolute
};

/// The default rules above.
std::vector<Tolerance> default_tolerances();

/// Why `pattern` is not a valid glob ("unterminated '['", "ends with a lone '\\'", "empty"), or "".
std::string glob_error(const std::string& pattern);

struct DiffRow {
  std::string path;       ///< with a "<point id>/" prefix when diffing sweeps
  std::string kind;       ///< "moved", "changed" (a string), "added", "removed"
  /// "regression" (moved the wrong way, removed, a string changed), "improvement" (moved the
  /// better way), "change" (moved; neither way is better), "added".
  std::string verdict;
  std::optional<nlohmann::json> old_value;  ///< absent when the figure is missing
  std::optional<nlohmann::json> new_value;
  std::optional<double> relative_change;    ///< (new - old) / |old| for numbers; absent otherwise or when old is 0
  Tolerance tolerance;                      ///< the rule that applied
  int headline = 0;                         ///< from the figure catalog: headline figures are listed first
};

struct ReportDiff {
  std::vector<DiffRow> rows;              ///< sorted by sort_rows(): headlines first
  std::vector<std::string> within;        ///< every figure compared and found within tolerance
  std::size_t compared = 0;               ///< numbers and strings compared
  std::size_t count(const std::string& verdict) const;
  /// A regression or removal; with `strict`, any move beyond tolerance too (what goldens need).
  bool fails(bool strict) const;
};

/// Compares every leaf of two reports; `prefix` is prepended to paths ("p003/"); leaves whose
/// path (bare or prefixed) matches an `ignore` glob are not compared.
void diff_reports(const nlohmann::json& old_report, const nlohmann::json& new_report, const std::vector<Tolerance>& rules,
                  const std::string& prefix, ReportDiff& out, const std::vector<std::string>& ignore = {});

/// Headline figures first (by rank), then the rest by path; call once every report is diffed.
void sort_rows(ReportDiff& diff);

/// The figure's path without its "<point id>/" prefix.
std::string figure_of(const std::string& path);

}  // namespace pjsim::reports
