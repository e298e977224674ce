// Splits one CSV line at commas, for the two CSV trace formats (Azure, plain). No quoting: a
// trace's fields are numbers and timestamps, so a quote is simply a field that is not a number.
//
// Example: split_csv("2023-11-16 18:15:46.6805900,374,44") = {"2023-11-16 18:15:46.6805900",
// "374", "44"}; split_csv("") = {""}. Spaces around a field are trimmed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pjsim::serving {

std::vector<std::string_view> split_csv(std::string_view line);
/// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);
/// True when the line holds only spaces and tabs (skipped between rows).
bool is_blank(std::string_view line);
/// `line` without a leading UTF-8 byte order mark (EF BB BF), which spreadsheet exports add.
std::string_view without_bom(std::string_view line);

}  // namespace pjsim::serving
