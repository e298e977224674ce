// Aligned text tables for the terminal (fmt does the padding): each column as wide as its
// widest cell, numbers right-aligned, two spaces between columns. Numbers with units go through
// si_format (reports/si_format.h), so a table never mixes "1.69e+12 pJ" with "141 mJ".
//
// Example:
//   TextTable t({{"point"}, {"J/token", Align::right}});
//   t.add({"p000", si_format(0.141, "J")});
//   t.add({"p001", si_format(0.0213, "J")});
//   t.render("  ") == "  point  J/token\n"
//                     "  p000    141 mJ\n"
//                     "  p001   21.3 mJ\n"
#pragma once

#include <string>
#include <vector>

namespace pjsim::reports {

enum class Align { left, right };

struct TextColumn {
  std::string title;
  Align align = Align::left;
};

class TextTable {
 public:
  explicit TextTable(std::vector<TextColumn> columns) : columns_(std::move(columns)) {}
  /// One row; missing cells are blank, extra cells are ignored.
  void add(std::vector<std::string> cells);
  bool empty() const { return rows_.empty(); }
  /// The header and the rows, each line prefixed by `indent`; trailing blanks trimmed.
  std::string render(const std::string& indent = "") const;

 private:
  std::vector<TextColumn> columns_;
  std::vector<std::vector<std::string>> rows_;
};

/// Display width of UTF-8 text (code points; pjsim's tables hold no wide characters).
std::size_t display_width(const std::string& text);

}  // namespace pjsim::reports
