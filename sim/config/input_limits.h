// Limits on what pjsim reads, so that absurd input gets a one-line error rather than a hang, a
// stack overflow or an allocation that exhausts memory (docs/robustness.md lists them).
//
// Example: read_limited_file("big.yaml", "design point") on a 10 GiB file throws
//   UserError "big.yaml: file is 10.0 GiB; design point files are limited to 16 MiB"
// before reading a byte; check_yaml_shape() refuses a document nested deeper than 64 levels or
// expanding (aliases counted each time they are used) to more than 250000 values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "sim/config/errors.h"

namespace pjsim::sim {

/// Design points, studies, --arch / --workload files, config.json.
constexpr std::uint64_t kMaxInputFileBytes = 16u << 20;
/// Other inputs: report.json read by diff and reprice (about 7 KiB per chip), tolerance files.
constexpr std::uint64_t kMaxReportFileBytes = std::uint64_t{2} << 30;
/// One --set argument (key and value).
constexpr std::size_t kMaxSetBytes = 64u << 10;
/// Lists and maps inside each other (a design point needs about 6).
constexpr int kMaxYamlDepth = 64;
/// Values of one YAML document, aliases counted at each use ("billion laughs").
constexpr std::uint64_t kMaxYamlValues = 250000;
/// Characters of a scalar read as a number or a quantity.
constexpr std::size_t kMaxNumberChars = 256;
/// Points of one study (product of its axes and zip groups, plus `points:`).
constexpr std::uint64_t kMaxStudyPoints = 100000;

/// "10.0 GiB", "80.0 KiB", "300 B": a size for messages (binary prefixes, one decimal).
std::string bytes_text(double bytes);
/// "16 MiB", "64 KiB": a limit for messages (binary prefixes, no trailing zeros).
std::string limit_text(double bytes);

/// Reads a regular file of at most `limit` bytes. Throws UserError "PATH: cannot read file" or
/// "PATH: file is 10.0 GiB; <what> files are limited to 16 MiB"; the size is checked before
/// reading and again while reading (for files whose size the file system does not know, such
/// as /proc files).
std::string read_limited_file(const std::string& path, const std::string& what, std::uint64_t limit);

/// Throws UserError "FILE:LINE:COL: not UTF-8 text (byte 0xff); ..." at the first byte that is
/// not part of a valid UTF-8 sequence (YAML is Unicode text; the reports are JSON, which must be
/// UTF-8). Texts starting with a UTF-16 or UTF-32 byte order mark are left to the YAML parser.
void check_utf8(const std::string& text, const std::string& file);

/// The 1-based line and column of byte `offset` of `text`, in `file`.
Location location_at_byte(const std::string& file, const std::string& text, std::size_t offset);

/// Parses JSON text (a config.json, a report, a shard table); a NUL byte is refused; throws UserError "FILE: malformed JSON: ..." (numbers past a
/// double, such as 1e400, included), "FILE: JSON nested more than 64 levels deep" past
/// kMaxYamlDepth, or "FILE: duplicate key 'x' in a JSON object ..." (parsers keep the last silently).
nlohmann::json parse_json(const std::string& text, const std::string& file);

/// Throws UserError located at the offending node when `root` nests deeper than
/// kMaxYamlDepth or holds more than kMaxYamlValues values.
void check_yaml_shape(const YAML::Node& root, const std::string& file);

}  // namespace pjsim::sim
