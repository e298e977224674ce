#include "reports/html_page.h"

#include <set>
#include <stdexcept>

#include "reports/web_assets.h"

namespace pjsim::reports {

namespace {

std::string attribute_number(double v) { return nlohmann::json(v).dump(); }

std::string cell_html(const Cell& c) {
  std::string content = html_escape(c.text);
  if (!c.href.empty()) content = "<a href=\"" + html_escape(c.href) + "\">" + content + "</a>";
  if (c.number) return "<td class=\"num\" data-sort=\"" + attribute_number(*c.number) + "\">" + content + "</td>";
  return "<td>" + content + "</td>";
}

std::string table_html(const PageTable& t) {
  std::string out = t.sortable ? "<table class=\"sortable\">\n" : "<table>\n";
  if (!t.caption.empty()) out += "<caption>" + html_escape(t.caption) + "</caption>\n";
  out += "<thead><tr>";
  for (const auto& h : t.header) out += "<th>" + html_escape(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (const auto& c : row) out += cell_html(c);
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

void check_name(const std::string& name, std::set<std::string>& seen) {
  const bool valid = !name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
  if (!valid) throw std::invalid_argument("render_page: chart name '" + name + "' is not [a-z0-9-]+");
  if (!seen.insert(name).second) throw std::invalid_argument("render_page: chart name '" + name + "' is used twice");
}

std::string libraries_note() {
  std::string note;
  for (const WebLibrary& lib : chart_libraries())
    note += (note.empty() ? "" : ", ") + lib.name + " " + lib.version + " (" + lib.license + ")";
  return note;
}

}  // namespace

Cell number_cell(double value, std::string text) {
  Cell c(std::move(text));
  c.number = value;
  return c;
}

Cell link_cell(std::string text, std::string href) {
  Cell c(std::move(text));
  c.href = std::move(href);
  return c;
}

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string script_json(const nlohmann::json& value) {
  // '<', '>' and '&' occur in JSON only inside strings, where \uXXXX means the same character.
  const std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

std::string render_page(const Page& page) {
  std::set<std::string> names;
  nlohmann::json specs = nlohmann::json::object();
  std::string body;
  for (const PageSection& s : page.sections) {
    body += "<section>\n<h2>" + html_escape(s.title) + "</h2>\n";
    if (!s.text.empty()) body += "<p class=\"text\">" + html_escape(s.text) + "</p>\n";
    for (const PageChart& c : s.charts) {
      check_name(c.name, names);
      const std::string id = "chart-" + c.name;
      specs[id] = c.spec;
      body += "<figure>\n<div class=\"chart\" id=\"" + id + "\"></div>\n";
      if (!c.caption.empty()) body += "<figcaption>" + html_escape(c.caption) + "</figcaption>\n";
      body += "</figure>\n";
    }
    for (const PageTable& t : s.tables) body += table_html(t);
    body += "</section>\n";
  }

  std::string facts;
  for (const PageFact& f : page.facts)
    facts += "<div><dt>" + html_escape(f.label) + "</dt><dd>" + html_escape(f.value) + "</dd></div>\n";

  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                    html_escape(page.title) + "</title>\n<style>\n" + page_style() + "</style>\n";
  for (const WebLibrary& lib : chart_libraries())
    out += "<script>/* " + lib.name + " " + lib.version + ", " + lib.license + " */\n" + lib.code + "\n</script>\n";
  out += "</head>\n<body>\n<header>\n<h1>" + html_escape(page.title) + "</h1>\n";
  if (!page.subtitle.empty()) out += "<p class=\"subtitle\">" + html_escape(page.subtitle) + "</p>\n";
  if (!facts.empty()) out += "<dl class=\"facts\">\n" + facts + "</dl>\n";
  out += "</header>\n<main>\n" + body + "</main>\n<footer>Charts: " + html_escape(libraries_note()) +
         ", inlined: this page needs no network. Each chart's menu exports it as SVG or PNG.</footer>\n";
  out += "<script type=\"application/json\" id=\"pjsim-charts\">" + script_json(specs) + "</script>\n";
  out += "<script>\n" + page_script() + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace pjsim::reports
