// What a report.html inlines, embedded into pjsim at build time (cmake/embed_web.cmake): the
// charting library (Vega, Vega-Lite and vega-embed, pinned in web/package.json and installed by
// scripts/setup.sh with `npm ci`) and the page's own script and style (reports/web/).
//
// Example: chart_libraries()[0] is {"vega", "6.4.0", "BSD-3-Clause", "!function(e,t){..."};
// a page inlines the three in this order, then page_script(), so it draws offline.
#pragma once

#include <string>
#include <vector>

namespace pjsim::reports {

struct WebLibrary {
  std::string name;     ///< the npm package: "vega", "vega-lite", "vega-embed"
  std::string version;  ///< as installed, equal to the pin of web/package.json
  std::string license;  ///< from the package's manifest, e.g. "BSD-3-Clause"
  std::string code;     ///< the minified browser build
};

/// Vega, Vega-Lite, vega-embed, in the order a page must load them.
const std::vector<WebLibrary>& chart_libraries();
/// reports/web/page.js: draws the page's charts, sorts its tables, records the outcome.
const std::string& page_script();
/// reports/web/page.css.
const std::string& page_style();

}  // namespace pjsim::reports
