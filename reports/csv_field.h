// One CSV field, RFC 4180: a field holding a comma, quote or newline is quoted, quotes doubled.
// Example: csv_field("a,b") == "\"a,b\""; csv_field("plain") == "plain".
#pragma once

#include <string>

namespace pjsim::reports {

inline std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace pjsim::reports
