#include "reports/shell_quote.h"

#include <cctype>
#include <cstring>

namespace pjsim::reports {

std::string shell_quote(const std::string& word) {
  bool safe = !word.empty();
  for (const char c : word)
    safe = safe && (std::isalnum(static_cast<unsigned char>(c)) != 0 || (c != '\0' && std::strchr("_./:=@%+,-", c) != nullptr));
  if (safe) return word;
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace pjsim::reports
