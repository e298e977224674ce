// Opens a trace file as a request stream in one of the formats, named or detected.
//
//   format        file                                       detected (auto) by
//   azure         Azure LLM inference trace 2023 CSV         the header TIMESTAMP,ContextTokens,GeneratedTokens
//   mooncake      Mooncake JSONL (hash_ids)                  a JSON first line with "timestamp" or "input_length"
//   csv           plain CSV (arrival_seconds,prompt_tokens,...)  a header naming arrival_seconds
//   jsonl         plain JSONL ({"arrival_seconds": ...})     a JSON first line with "arrival_seconds"
//
// auto reads the first line and hands it back to the chosen reader; the extension must agree
// (.csv is azure or csv; .jsonl, .json, .ndjson are mooncake or jsonl; any other decides by
// content). Example: open_trace("traces/conv.csv", TraceFormat::auto_detect, 512) reads the
// Azure conversation trace. Errors are TraceErrors: a file that cannot be opened ("path: cannot
// open: ..."), a first line no format matches ("path:1: cannot tell the trace format ...").
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "serving/line_reader.h"
#include "serving/request.h"

namespace pjsim::serving {

enum class TraceFormat { auto_detect, azure, mooncake, csv, jsonl };

/// "auto", "azure", "mooncake", "csv", "jsonl".
std::string format_name(TraceFormat format);
/// The format of a name above, or nothing.
std::optional<TraceFormat> parse_format(const std::string& name);
/// The names above in that order, for messages and schema choices.
const std::vector<std::string>& format_names();

/// The format of a trace whose first line (ending dropped) is `first_line` and whose file name
/// is `name`; auto_detect is never returned. Throws TraceError at line 1.
TraceFormat detect_format(const std::string& name, const std::string& first_line);

/// A reader of `format` over `lines` (nothing read yet). `default_block_tokens`: tokens per
/// prefix block for plain rows that give blocks without a size.
std::unique_ptr<RequestSource> open_trace(LineReader lines, TraceFormat format, std::uint64_t default_block_tokens);
/// Opens the file at `path`.
std::unique_ptr<RequestSource> open_trace(const std::string& path, TraceFormat format,
                                          std::uint64_t default_block_tokens);

}  // namespace pjsim::serving
