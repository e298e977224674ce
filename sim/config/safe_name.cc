#include "sim/config/safe_name.h"

namespace pjsim::sim {

namespace {

bool safe_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-' || c == '+';
}

}  // namespace

bool is_safe_name(const std::string& name) {
  if (name.empty() || name.size() > kMaxNameLength || name[0] == '.' || name[0] == '-') return false;
  for (char c : name)
    if (!safe_char(c)) return false;
  return true;
}

void check_safe_name(const std::string& name, const Location& where, const std::string& key) {
  if (is_safe_name(name)) return;
  const std::string shown = name.size() > 40 ? name.substr(0, 40) + "..." : name;
  fail_at(where, key,
          "'" + shown + "' cannot name a folder: use 1 to 128 letters, digits, '.', '_', '-' or '+', not starting "
          "with '.' or '-'");
}

std::string safe_name(const std::string& raw) {
  std::string out = raw.substr(0, kMaxNameLength);
  for (char& c : out)
    if (!safe_char(c)) c = '_';
  if (out.empty()) return "_";
  if (out[0] == '.' || out[0] == '-') out[0] = '_';
  return out;
}

}  // namespace pjsim::sim
