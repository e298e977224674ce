#include "serving/trace_format.h"

#include <cctype>
#include <utility>

#include "serving/azure_trace.h"
#include "serving/csv_row.h"
#include "serving/mooncake_trace.h"
#include "serving/plain_csv_trace.h"
#include "serving/plain_jsonl_trace.h"

namespace pjsim::serving {

namespace {

std::string extension(const std::string& name) {
  const auto dot = name.find_last_of('.');
  const auto slash = name.find_last_of('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = name.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool has_json_key(std::string_view line, const char* key) {
  return line.find("\"" + std::string(key) + "\"") != std::string_view::npos;
}

}  // namespace

const std::vector<std::string>& format_names() {
  static const std::vector<std::string> names = {"auto", "azure", "mooncake", "csv", "jsonl"};
  return names;
}

std::string format_name(TraceFormat format) { return format_names()[static_cast<std::size_t>(format)]; }

std::optional<TraceFormat> parse_format(const std::string& name) {
  const auto& names = format_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<TraceFormat>(i);
  return std::nullopt;
}

TraceFormat detect_format(const std::string& name, const std::string& first_line) {
  const std::string_view line = trim(without_bom(first_line));
  const std::string ext = extension(name);
  const bool csv_ext = ext == "csv", json_ext = ext == "jsonl" || ext == "json" || ext == "ndjson";
  std::optional<TraceFormat> found;
  if (line == azure_header) found = TraceFormat::azure;
  else if (!line.empty() && line.front() == '{' && has_json_key(line, "arrival_seconds")) found = TraceFormat::jsonl;
  else if (!line.empty() && line.front() == '{' && (has_json_key(line, "timestamp") || has_json_key(line, "input_length")))
    found = TraceFormat::mooncake;
  else if (!line.empty() && line.front() != '{') {
    for (const auto field : split_csv(line))
      if (field == "arrival_seconds") found = TraceFormat::csv;
  }
  if (!found)
    throw TraceError(name, 1,
                     "cannot tell the trace format from the first line '" + printable(first_line, 60) +
                         "': expected the Azure header " + azure_header +
                         ", a CSV header naming arrival_seconds, or a JSON object with timestamp (Mooncake) or "
                         "arrival_seconds; or name the format (azure, mooncake, csv, jsonl)");
  const bool is_csv = *found == TraceFormat::azure || *found == TraceFormat::csv;
  if ((csv_ext && !is_csv) || (json_ext && is_csv))
    throw TraceError(name, 1, "a ." + ext + " file whose first line reads as the " + format_name(*found) +
                                  " format: rename it or name the format");
  return *found;
}

std::unique_ptr<RequestSource> open_trace(LineReader lines, TraceFormat format, std::uint64_t default_block_tokens) {
  if (format == TraceFormat::auto_detect) {
    std::string first;
    if (!lines.next(first)) fail_empty(lines);
    format = detect_format(lines.name(), first);
    lines.unread();
  }
  switch (format) {
    case TraceFormat::azure: return std::make_unique<AzureTraceReader>(std::move(lines));
    case TraceFormat::mooncake: return std::make_unique<MooncakeTraceReader>(std::move(lines));
    case TraceFormat::csv: return std::make_unique<PlainCsvTraceReader>(std::move(lines), default_block_tokens);
    case TraceFormat::jsonl: return std::make_unique<PlainJsonlTraceReader>(std::move(lines), default_block_tokens);
    case TraceFormat::auto_detect: break;
  }
  throw TraceError(lines.name(), 0, "unknown trace format");
}

std::unique_ptr<RequestSource> open_trace(const std::string& path, TraceFormat format,
                                          std::uint64_t default_block_tokens) {
  return open_trace(LineReader::open(path), format, default_block_tokens);
}

}  // namespace pjsim::serving
