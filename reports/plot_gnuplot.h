// Plots rendered by gnuplot (through a pipe, `set terminal svg`) as inline SVG text.
//
// Example:
//   auto svg = render_svg("plot $d using 1:2 with lines", {{"d", "1 2\n2 4\n"}});
//   svg->rfind("<svg", 0) == 0 when gnuplot is installed; std::nullopt (and gnuplot_note() says
//   why) when it is missing or fails, so callers write the rest of the report with a note.
// The gnuplot executable is `gnuplot`, or $PJSIM_GNUPLOT when set.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pjsim::reports {

/// One chart: a gnuplot script, its data blocks ($name) and its size in pixels.
struct Plot {
  std::string script;
  std::map<std::string, std::string> data;
  int width = 720, height = 400;
};

/// Runs `script` after the terminal set-up, with each data block defined as $name; returns the
/// <svg ...>...</svg> element (XML prologue stripped), or nullopt.
std::optional<std::string> render_svg(const std::string& script, const std::map<std::string, std::string>& data,
                                      int width = 720, int height = 400);

/// Several charts from one gnuplot process (each after a `reset`, so each renders as it would
/// alone): starting gnuplot costs more than a point's simulation, so a report renders its charts
/// together. One result per plot, in order; when gnuplot fails, every one is nullopt (as gnuplot
/// stops at the first error) and gnuplot_note() says why.
std::vector<std::optional<std::string>> render_svgs(const std::vector<Plot>& plots);

/// Why the last render failed ("gnuplot not found: install gnuplot-nox ..."); empty after success.
std::string gnuplot_note();

/// Quotes a label for a gnuplot command ("it's" -> 'it''s').
std::string gnuplot_quote(const std::string& text);
/// Quotes a string column of a data block ("p001" -> "\"p001\""; double quotes become ').
std::string gnuplot_datum(const std::string& text);

}  // namespace pjsim::reports
