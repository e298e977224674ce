// The toolkit of pjsim's report pages: one self-contained, offline HTML file per page, with
// interactive charts drawn by Vega-Lite (inlined, reports/web_assets.h) and plain HTML tables.
// Every report.html is built with it: a point (html_point.cc), a study (html_study.cc), a
// comparison (html_compare.cc); a new page kind (the serving page, say) is one function that
// fills a Page. docs/studies.md#html-reports says how.
//
// Example:
//   Page page{"pjsim report: default", "Llama-3-8B decode on tpu-v4-like",
//             {{"model", "llama-3-8b"}, {"batch", "16"}}, {}};
//   PageSection energy{"Energy by tier", "Per generated token.", {}, {}};
//   energy.charts.push_back({"tiers", "energy per token by tier", spec});   // a Vega-Lite spec
//   energy.tables.push_back({"", {"tier", "mJ/token"}, {{Cell("hbm"), number_cell(38.3, "38.3")}}, true});
//   page.sections.push_back(energy);
//   std::string html = render_page(page);   // <!DOCTYPE html> ... </html>, about 850 kB
// Text is escaped; specs go into one <script type="application/json"> with '<', '>' and '&'
// written as \u003c, \u003e, \u0026, so no value can end the script. Nothing is fetched.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pjsim::reports {

/// One fact of the page header: what was simulated ("model" -> "llama-3-8b").
struct PageFact {
  std::string label;
  std::string value;
};

/// One table cell: the text shown, the number it sorts by (right-aligned when set), a link.
struct Cell {
  Cell(std::string text = "") : text(std::move(text)) {}  // NOLINT: a string is a text cell
  Cell(const char* text) : text(text) {}                    // NOLINT
  std::string text;
  std::optional<double> number;
  std::string href;
};
/// A numeric cell: `text` shown, `value` to sort by.
Cell number_cell(double value, std::string text);
/// A cell linking to `href` (relative to the page).
Cell link_cell(std::string text, std::string href);

struct PageTable {
  std::string caption;                    ///< below the table; may be empty
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  bool sortable = false;                  ///< a click on a header sorts the rows
};

struct PageChart {
  std::string name;      ///< unique in the page, [a-z0-9-]; the chart's element is id="chart-<name>"
  std::string caption;   ///< what the chart shows and how to read it
  nlohmann::json spec;   ///< a Vega-Lite spec (reports/vega_lite.h helps build one)
};

struct PageSection {
  std::string title;
  std::string text;                  ///< a paragraph above the charts; may be empty
  std::vector<PageChart> charts;
  std::vector<PageTable> tables;     ///< after the charts
};

struct Page {
  std::string title;
  std::string subtitle;              ///< one line under the title; may be empty
  std::vector<PageFact> facts;       ///< the header: what was simulated
  std::vector<PageSection> sections;
};

/// The whole document: the charting library and the page script inlined, one chart spec per
/// PageChart. Throws std::invalid_argument on a chart name that is empty, repeated or not [a-z0-9-].
std::string render_page(const Page& page);

std::string html_escape(const std::string& text);
/// JSON for a <script> element: '<', '>' and '&' as \u003c, \u003e, \u0026.
std::string script_json(const nlohmann::json& value);

}  // namespace pjsim::reports
