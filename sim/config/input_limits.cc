#include "sim/config/input_limits.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "sim/config/errors.h"
#include "sim/config/flatten.h"

namespace pjsim::sim {

std::string bytes_text(double bytes) {
  static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  std::size_t u = 0;
  while (bytes >= 1024 && u < 6) bytes /= 1024, ++u;
  return u == 0 ? fmt::format("{:.0f} B", bytes) : fmt::format("{:.1f} {}", bytes, units[u]);
}

std::string limit_text(double bytes) {
  static const char* const units[] = {"B", "KiB", "MiB", "GiB"};
  std::size_t u = 0;
  while (bytes >= 1024 && u < 3) bytes /= 1024, ++u;
  return fmt::format("{:g} {}", bytes, units[u]);
}

std::string read_limited_file(const std::string& path, const std::string& what, std::uint64_t limit) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) fail_at(Location{path}, "", "cannot read file");
  const auto too_big = [&](double size) {
    fail_at(Location{path}, "", fmt::format("file is {}; {} files are limited to {}", bytes_text(size), what,
                                            limit_text(static_cast<double>(limit))));
  };
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > limit) too_big(static_cast<double>(size));
  std::ifstream in(path, std::ios::binary);
  if (!in) fail_at(Location{path}, "", "cannot read file");
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > limit) too_big(static_cast<double>(text.size()));
  }
  return text;
}

void check_utf8(const std::string& text, const std::string& file) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  if (text.size() >= 2 && ((byte(0) == 0xFE && byte(1) == 0xFF) || (byte(0) == 0xFF && byte(1) == 0xFE))) return;
  if (text.size() >= 4 && byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF) return;
  int line = 1, col = 1;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_length_at(text, i);
    if (n == 0)
      fail_at(Location{file, line, col}, "", fmt::format("not UTF-8 text (byte 0x{:02x}); pjsim reads YAML as UTF-8", byte(i)));
    if (text[i] == '\n') line += 1, col = 1;
    else col += 1;
    i += n;
  }
}

Location location_at_byte(const std::string& file, const std::string& text, std::size_t offset) {
  Location where{file, 1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') where.line += 1, where.col = 1;
    else where.col += 1;
  }
  return where;
}

nlohmann::json parse_json(const std::string& text, const std::string& file) {
  struct TooDeep {};
  struct Duplicate {
    std::string key;
  };
  // Keys seen in each object being parsed: JSON parsers keep the last of two equal keys silently.
  std::vector<std::set<std::string>> objects;
  const auto guard = [&objects](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (depth > kMaxYamlDepth) throw TooDeep{};
    switch (event) {
      case nlohmann::json::parse_event_t::object_start: objects.emplace_back(); break;
      case nlohmann::json::parse_event_t::object_end:
        if (!objects.empty()) objects.pop_back();
        break;
      case nlohmann::json::parse_event_t::key:
        if (!objects.empty() && !objects.back().insert(parsed.get<std::string>()).second)
          throw Duplicate{parsed.get<std::string>()};
        break;
      default: break;
    }
    return true;
  };
  // JSON text never holds a NUL byte; the parser would stop at one and take a padded file as valid.
  if (const auto nul = text.find('\0'); nul != std::string::npos)
    fail_at(location_at_byte(file, text, nul), "", "malformed JSON: a NUL byte (JSON is text)");
  try {
    return nlohmann::json::parse(text, guard);
  } catch (const nlohmann::json::parse_error& e) {  // located: a truncated file ends early
    const Location where = location_at_byte(file, text, e.byte > 0 ? e.byte - 1 : 0);
    const std::string what = e.what();
    const auto colon = what.find("]: ");  // drop "[json.exception.parse_error.101] parse error at line 1, column 2: "
    const auto reason = what.find(": ", colon == std::string::npos ? 0 : colon + 3);
    fail_at(where, "", "malformed JSON: " + (reason == std::string::npos ? what : what.substr(reason + 2)));
  } catch (const nlohmann::json::exception& e) {  // numbers past a double (1e400)
    fail_at(Location{file}, "", std::string("malformed JSON: ") + e.what());
  } catch (const TooDeep&) {
    fail_at(Location{file}, "", fmt::format("JSON nested more than {} levels deep", kMaxYamlDepth));
  } catch (const Duplicate& d) {
    fail_at(Location{file}, "", "duplicate key '" + d.key + "' in a JSON object (one would be silently dropped)");
  }
}

void check_yaml_shape(const YAML::Node& root, const std::string& file) {
  // Depth-first over the tree as the loader sees it (an alias is walked at every use), with an
  // explicit stack: the walk itself must not recurse. Values are counted as they are pushed,
  // so the stack never holds more than kMaxYamlValues of them.
  std::vector<std::pair<YAML::Node, int>> stack = {{root, 1}};
  std::uint64_t values = 1;
  const auto push = [&](const YAML::Node& node, int depth) {
    if (++values > kMaxYamlValues)
      fail_at(location_of(file, node.Mark()), "",
              fmt::format("more than {} YAML values (an alias counts at each use); pjsim's inputs are far smaller",
                          kMaxYamlValues));
    if (depth > kMaxYamlDepth)
      fail_at(location_of(file, node.Mark()), "", fmt::format("lists and maps nested more than {} levels deep", kMaxYamlDepth));
    stack.emplace_back(node, depth);
  };
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    if (node.IsSequence()) {
      for (const auto& item : node) push(item, depth + 1);
    } else if (node.IsMap()) {
      for (const auto& entry : node) {
        push(entry.first, depth + 1);
        push(entry.second, depth + 1);
      }
    }
  }
}

}  // namespace pjsim::sim
