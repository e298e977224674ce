// Building blocks of pjsim's self-contained HTML reports: escaping, tables, figures and the
// page shell (inline CSS, inline SVG, no script, no network).
//
// Example: page("pjsim default", "<h2>Key figures</h2>" + table({"figure", "value"},
//   {{"energy/token", "141 mJ"}})) is a complete HTML document; figure(svg, "caption") wraps a
//   plot, or a note when the plot could not be rendered.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pjsim::reports {

std::string html_escape(const std::string& text);
/// A <table> with a header row; cells are escaped.
std::string html_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);
/// A <figure> holding the SVG, or a visible note (class "note") saying why there is no plot.
std::string html_figure(const std::optional<std::string>& svg, const std::string& caption);
/// The whole document.
std::string html_page(const std::string& title, const std::string& body);
/// "1.23e+10" style for tables.
std::string html_number(double v);

}  // namespace pjsim::reports
