#include "serving/csv_row.h"

namespace pjsim::serving {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

std::string_view without_bom(std::string_view line) {
  return line.substr(0, 3) == "\xEF\xBB\xBF" ? line.substr(3) : line;
}

std::vector<std::string_view> split_csv(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t at = 0;
  for (;;) {
    const auto comma = line.find(',', at);
    fields.push_back(trim(line.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at)));
    if (comma == std::string_view::npos) return fields;
    at = comma + 1;
  }
}

}  // namespace pjsim::serving
