#include "sim/errors.h"

namespace pjsim::sim {

std::string Location::to_string() const {
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(col);
}

void fail_at(const Location& where, const std::string& key_path, const std::string& message) {
  std::string text = where.to_string();
  if (!key_path.empty()) text += (text.empty() ? "" : ": ") + key_path;
  throw UserError(text + ": " + message);
}

}  // namespace pjsim::sim
