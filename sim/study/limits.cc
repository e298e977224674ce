#include "sim/study/limits.h"

#include <limits>

#include <fmt/format.h>

#include "sim/config/errors.h"
#include "sim/config/flatten.h"
#include "sim/config/input_limits.h"

namespace pjsim::sim {

namespace {

constexpr std::uint64_t kSaturated = std::uint64_t{1} << 63;
constexpr double kMaxSettingsBytes = 256.0 * 1024 * 1024;
constexpr double kMaxFilterWork = 1e8;
constexpr double kOverrideOverhead = 64;  // bytes of an Override beside its text

std::uint64_t times(std::uint64_t a, std::uint64_t b) {
  if (a == 0 || b == 0) return 0;
  return a > kSaturated / b ? kSaturated : a * b;
}

std::uint64_t combinations(const StudySpec& s) {
  if (s.axes.empty() && s.zips.empty()) return 0;
  std::uint64_t n = 1;
  for (const StudyAxis& a : s.axes) n = times(n, a.values.size());
  for (const auto& group : s.zips) n = times(n, group.empty() ? 0 : group.front().values.size());
  return n;
}

// Mean bytes one point of the product holds for an axis: its values' mean length.
double mean_bytes(const StudyAxis& a) {
  double sum = 0;
  for (const auto& v : a.values) sum += static_cast<double>(a.key.size() + v.size()) + kOverrideOverhead;
  return a.values.empty() ? 0 : sum / static_cast<double>(a.values.size());
}

// Where to point: the first of the keys that make a study big.
Location where_of(const YAML::Node& root, const std::string& file, std::string& key) {
  for (const char* k : {"axes", "zip", "points", "compare"})
    if (root.IsMap() && root[k]) {
      key = k;
      return location_of(file, root[k].Mark());
    }
  key = "";
  return Location{file};
}

}  // namespace

std::uint64_t study_point_count(const StudySpec& s) {
  std::uint64_t n = combinations(s) + s.extra_points.size();
  for (const CompareCandidate& c : s.candidates) n += 1 + 2 * c.features.size();  // sim/study/compare.cc: seq and alone per feature
  return n > kSaturated ? kSaturated : n;
}

void check_study_size(const StudySpec& s, const YAML::Node& root, const std::string& file) {
  std::string key;
  const std::uint64_t combos = combinations(s);
  const std::uint64_t points = study_point_count(s);
  if (points > kMaxStudyPoints) {
    const Location at = where_of(root, file, key);
    fail_at(at, key,
            fmt::format("the study expands to {}{} points (axes and zip groups {}, points {}, compare candidates {}); a study is "
                        "limited to {}",
                        points == kSaturated ? "more than " : "", points, combos, s.extra_points.size(),
                        s.candidates.size(), kMaxStudyPoints));
  }
  double per_point = 0;
  for (const StudyAxis& a : s.axes) per_point += mean_bytes(a);
  for (const auto& group : s.zips)
    for (const StudyAxis& a : group) per_point += mean_bytes(a);
  const double settings = per_point * static_cast<double>(combos);
  if (settings > kMaxSettingsBytes) {
    const Location at = where_of(root, file, key);
    fail_at(at, key,
            fmt::format("the study's {} points would hold {} of settings (values x points); a study is limited to {}",
                        combos, bytes_text(settings), limit_text(kMaxSettingsBytes)));
  }
  double conditions = 0;
  for (const Overrides& rule : s.skip_if) conditions += static_cast<double>(rule.size()) + 1;
  if (conditions * static_cast<double>(combos) > kMaxFilterWork)
    fail_at(root.IsMap() && root["filters"] ? location_of(file, root["filters"].Mark()) : Location{file}, "filters",
            fmt::format("{} filter conditions over {} combinations is more than {:.0e} comparisons; use fewer filters or "
                        "smaller axes",
                        conditions, combos, kMaxFilterWork));
}

}  // namespace pjsim::sim
