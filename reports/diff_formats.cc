#include "reports/diff_formats.h"

#include <algorithm>

#include <fmt/format.h>

#include "reports/html_page.h"
#include "reports/text_table.h"

namespace pjsim::reports {

namespace {

std::string value_text(const std::optional<nlohmann::json>& v, std::size_t limit = 16) {
  if (!v) return "(missing)";
  const std::string s = v->dump();
  return s.size() > limit ? s.substr(0, limit - 3) + "..." : s;
}

std::string change_text(const DiffRow& r) {
  if (r.kind != "moved") return r.kind;
  return r.relative_change ? fmt::format("{:+.2f}%", 100 * *r.relative_change) : "from 0";
}

std::string tolerance_text(const Tolerance& t) {
  if (t.absolute > 0 && t.relative > 0) return fmt::format("{:.0e} or {:.0e} abs", t.relative, t.absolute);
  if (t.absolute > 0) return fmt::format("{:.0e} abs", t.absolute);
  return fmt::format("{:.0e}", t.relative);
}

bool is_failure(const DiffRow& r, bool strict) { return r.verdict == "regression" || (strict && r.verdict != "added"); }

std::string summary(const ReportDiff& d, const DiffLabels& labels) {
  const bool fail = d.fails(labels.strict);
  return fmt::format("{}: {} regression(s), {} improvement(s), {} other change(s), {} added among {} figures compared{}", fail ? "FAIL" : "ok",
                     d.count("regression"), d.count("improvement"), d.count("change"), d.count("added"), d.compared,
                     labels.strict ? "" : " (--fail-on regression)");
}

std::string xml(const std::string& s) { return html_escape(s); }

}  // namespace

std::string diff_table(const ReportDiff& diff, const DiffLabels& labels) {
  TextTable table({{"figure"}, {"old", Align::right}, {"new", Align::right}, {"change", Align::right}, {"tolerance", Align::right}, {"verdict"}});
  const std::size_t limit = 200;
  for (std::size_t i = 0; i < diff.rows.size() && i < limit; ++i) {
    const DiffRow& r = diff.rows[i];
    table.add({r.path, value_text(r.old_value), value_text(r.new_value), change_text(r), r.kind == "moved" ? tolerance_text(r.tolerance) : "",
               r.verdict});
  }
  std::string out = table.empty() ? "" : table.render();
  if (diff.rows.size() > limit) out += fmt::format("... and {} more (every row: --json)\n", diff.rows.size() - limit);
  return out + summary(diff, labels) + "\n";
}

nlohmann::json diff_json(const ReportDiff& diff, const DiffLabels& labels) {
  nlohmann::json rows = nlohmann::json::array();
  for (const DiffRow& r : diff.rows) {
    const FigureInfo& info = figure_info(figure_of(r.path));
    const auto slash = r.path.find('/');
    rows.push_back({{"path", r.path},
                    {"point", slash == std::string::npos ? "" : r.path.substr(0, slash)},
                    {"figure", figure_of(r.path)},
                    {"kind", r.kind},
                    {"verdict", r.verdict},
                    {"old", r.old_value ? *r.old_value : nlohmann::json(nullptr)},
                    {"new", r.new_value ? *r.new_value : nlohmann::json(nullptr)},
                    {"relative_change", r.relative_change ? nlohmann::json(*r.relative_change) : nlohmann::json(nullptr)},
                    {"tolerance", {{"pattern", r.tolerance.pattern}, {"relative", r.tolerance.relative}, {"absolute", r.tolerance.absolute}}},
                    {"better", to_string(info.better)},
                    {"unit", info.unit},
                    {"headline", r.headline > 0}});
  }
  return {{"old", labels.old_path},
          {"new", labels.new_path},
          {"fail_on", labels.strict ? "change" : "regression"},
          {"verdict", diff.fails(labels.strict) ? "fail" : "pass"},
          {"compared", diff.compared},
          {"summary",
           {{"regressions", diff.count("regression")}, {"improvements", diff.count("improvement")}, {"changes", diff.count("change")},
            {"added", diff.count("added")}, {"removed", static_cast<std::size_t>(std::count_if(diff.rows.begin(), diff.rows.end(), [](const DiffRow& r) { return r.kind == "removed"; }))}}},
          {"rows", rows}};
}

std::string diff_junit(const ReportDiff& diff, const DiffLabels& labels) {
  std::size_t failures = 0;
  for (const DiffRow& r : diff.rows) failures += is_failure(r, labels.strict);
  const std::size_t tests = diff.rows.size() + diff.within.size();
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"pjsim diff\" tests=\"{}\" failures=\"{}\">\n", tests, failures);
  out += fmt::format("<testsuite name=\"{} vs {}\" tests=\"{}\" failures=\"{}\">\n", xml(labels.old_path), xml(labels.new_path), tests, failures);
  auto classname = [](const std::string& path) {
    const auto slash = path.find('/');
    return slash == std::string::npos ? std::string("pjsim.diff") : "pjsim.diff." + path.substr(0, slash);
  };
  for (const DiffRow& r : diff.rows) {
    out += fmt::format("<testcase classname=\"{}\" name=\"{}\">", xml(classname(r.path)), xml(figure_of(r.path)));
    const std::string detail = fmt::format("old {} new {}, change {}, tolerance {} ({}): {}", value_text(r.old_value, 40), value_text(r.new_value, 40),
                                           change_text(r), tolerance_text(r.tolerance), r.tolerance.pattern, r.verdict);
    if (is_failure(r, labels.strict))
      out += fmt::format("<failure message=\"{}\" type=\"{}\">{}</failure>", xml(detail), xml(r.verdict), xml(detail));
    else
      out += "<system-out>" + xml(detail) + "</system-out>";
    out += "</testcase>\n";
  }
  for (const std::string& path : diff.within)
    out += fmt::format("<testcase classname=\"{}\" name=\"{}\"/>\n", xml(classname(path)), xml(figure_of(path)));
  return out + "</testsuite>\n</testsuites>\n";
}

std::string diff_markdown(const ReportDiff& diff, const DiffLabels& labels) {
  const bool fail = diff.fails(labels.strict);
  std::string out = fmt::format("### pjsim diff: {}\n\n`{}` against `{}`: {}.\n", fail ? "**fail**" : "pass", labels.old_path, labels.new_path,
                                summary(diff, labels));
  if (diff.rows.empty()) return out;
  out += "\n| figure | old | new | change | tolerance | verdict |\n|---|---:|---:|---:|---:|---|\n";
  const std::size_t limit = 60;
  auto cell = [](std::string s) {
    std::string o;
    for (char c : s) o += c == '|' ? std::string("\\|") : std::string(1, c);
    return o;
  };
  for (std::size_t i = 0; i < diff.rows.size() && i < limit; ++i) {
    const DiffRow& r = diff.rows[i];
    const std::string verdict = r.verdict == "regression" ? "**regression**" : r.verdict;
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", cell(r.path), cell(value_text(r.old_value)), cell(value_text(r.new_value)),
                       change_text(r), r.kind == "moved" ? tolerance_text(r.tolerance) : "", verdict);
  }
  if (diff.rows.size() > limit) out += fmt::format("\n... and {} more rows (`pjsim diff --json` has them all).\n", diff.rows.size() - limit);
  return out;
}

}  // namespace pjsim::reports
