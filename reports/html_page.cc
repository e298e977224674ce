#include "reports/html_page.h"

#include <fmt/format.h>

#include "reports/plot_gnuplot.h"

namespace pjsim::reports {

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out = "<table>\n<tr>";
  for (const auto& h : header) out += "<th>" + html_escape(h) + "</th>";
  out += "</tr>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& cell : row) out += "<td>" + html_escape(cell) + "</td>";
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string html_figure(const std::optional<std::string>& svg, const std::string& caption) {
  if (!svg) return "<p class=\"note\">Plot not rendered: " + html_escape(gnuplot_note()) + " (" + html_escape(caption) + ")</p>\n";
  return "<figure>\n" + *svg + "\n<figcaption>" + html_escape(caption) + "</figcaption>\n</figure>\n";
}

std::string html_page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(title) +
         "</title>\n<style>\n"
         "body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}\n"
         "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}\n"
         "th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}\n"
         "figure{margin:1em 0}figcaption{font-size:90%;color:#555}\n"
         ".note{background:#fff3cd;border:1px solid #e0c060;padding:6px 10px}\n"
         "</style>\n</head>\n<body>\n<h1>" + html_escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
}

std::string html_number(double v) { return fmt::format("{:.4g}", v); }

}  // namespace pjsim::reports
