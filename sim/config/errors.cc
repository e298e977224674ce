#include "sim/config/errors.h"

#include <cstdio>

namespace pjsim::sim {

std::string one_line(const std::string& text) {
  constexpr std::size_t kMax = 2000, kHead = 1400, kTail = 500;
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t n = utf8_length_at(text, i);
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if ((c < 0x20 && c != '\t') || n == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else out.append(text, i, n);
    i += n == 0 ? 1 : n;
  }
  if (out.size() <= kMax) return out;
  // Cut at character boundaries (never inside a UTF-8 sequence: messages end up in JSON files).
  const auto continuation = [&](std::size_t i) { return (static_cast<unsigned char>(out[i]) & 0xC0) == 0x80; };
  std::size_t head = kHead, tail = out.size() - kTail;
  while (head > 0 && continuation(head)) --head;
  while (tail < out.size() && continuation(tail)) ++tail;
  return out.substr(0, head) + " [... " + std::to_string(tail - head) + " bytes cut ...] " + out.substr(tail);
}

std::size_t utf8_length_at(const std::string& text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
  else if (c >= 0xF0 && c <= 0xF4) n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
  else return 0;
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const unsigned char b = byte(i + k);
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
  }
  return n;
}

std::string Location::to_string() const {
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(col);
}

void fail_at(const Location& where, const std::string& key_path, const std::string& message) {
  std::string text = where.to_string();
  if (!key_path.empty()) text += (text.empty() ? "" : ": ") + key_path;
  throw UserError(one_line(text + ": " + message));
}

}  // namespace pjsim::sim
