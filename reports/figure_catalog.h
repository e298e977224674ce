// What each figure of report.json is: its unit, a one-line description, which direction is
// better, and whether it is a headline. report.csv writes the unit and description beside each
// value; `pjsim diff` names a move an improvement or a regression by the direction and lists
// headline figures first.
//
// Example: figure_info("energy_pj.by_tier.hbm") -> {unit "pJ", "dynamic energy of HBM reads and
//   writes", Better::lower, headline 0}; figure_info("metrics.tokens_per_second") -> {"tok/s",
//   ..., Better::higher, headline 2}. Paths are dotted as in report.csv; patterns are shell globs
//   ('*' crosses dots), the first match wins, and every path matches the last entry ("*").
#pragma once

#include <string>
#include <vector>

namespace pjsim::reports {

enum class Better { lower, higher, neither };

struct FigureInfo {
  std::string pattern;      ///< glob over the dotted path
  std::string unit;         ///< "pJ", "s", "tok/s", "bit", "-" for a pure number, "" for text
  std::string description;
  Better better = Better::neither;
  int headline = 0;         ///< 1, 2, ...: rank among the headline figures; 0: not a headline
};

/// Every entry, most specific first, ending with the catch-all "*".
const std::vector<FigureInfo>& figure_catalog();
/// The first entry whose pattern matches `path`.
const FigureInfo& figure_info(const std::string& path);
/// "lower", "higher", "neither".
const char* to_string(Better b);

}  // namespace pjsim::reports
