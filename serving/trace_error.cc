#include "serving/trace_error.h"

#include <cstdio>

namespace pjsim::serving {

namespace {

std::string where(const std::string& file, std::uint64_t line) {
  return line == 0 ? printable(file) : printable(file) + ":" + std::to_string(line);
}

}  // namespace

TraceError::TraceError(const std::string& file, std::uint64_t line, const std::string& message)
    : std::runtime_error(where(file, line) + ": " + printable(message)), file_(file), line_(line), message_(message) {}

std::string printable(const std::string& text, std::size_t max_chars) {
  std::string out;
  for (const char c : text) {
    if (out.size() >= max_chars) return out + "...";
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", byte);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace pjsim::serving
