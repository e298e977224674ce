#include "serving/line_reader.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>

namespace pjsim::serving {

LineReader::LineReader(std::unique_ptr<std::istream> in, std::string name) : in_(std::move(in)), name_(std::move(name)) {}

LineReader LineReader::open(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw TraceError(path, 0, "cannot open: is a directory");
  errno = 0;
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!file->is_open()) {
    const std::string reason = errno != 0 ? std::strerror(errno) : "unreadable";
    throw TraceError(path, 0, "cannot open: " + reason);
  }
  return LineReader(std::move(file), path);
}

bool LineReader::next(std::string& line) {
  if (unread_) {
    unread_ = false;
    line = last_;
    return true;
  }
  std::streambuf* buf = in_->rdbuf();
  line.clear();
  if (buf == nullptr || std::char_traits<char>::eq_int_type(buf->sgetc(), std::char_traits<char>::eof())) return false;
  ++line_;
  // Byte by byte from the stream buffer (buffered, no sentry per character), up to the next '\n'.
  for (;;) {
    const std::char_traits<char>::int_type c = buf->sbumpc();
    if (std::char_traits<char>::eq_int_type(c, std::char_traits<char>::eof()) || c == '\n') break;
    if (line.size() >= max_line_bytes) fail("line longer than 1 MiB (binary data, or no line breaks?)");
    line.push_back(static_cast<char>(c));
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  last_ = line;
  return true;
}

void LineReader::unread() { unread_ = true; }

void LineReader::fail(const std::string& message) const { throw TraceError(name_, line_, message); }

}  // namespace pjsim::serving
