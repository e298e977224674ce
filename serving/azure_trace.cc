#include "serving/azure_trace.h"

#include <string>
#include <utility>

#include "serving/csv_row.h"

namespace pjsim::serving {

AzureTraceReader::AzureTraceReader(LineReader lines) : lines_(std::move(lines)) {
  std::string header;
  if (!lines_.next(header)) fail_empty(lines_);
  if (trim(without_bom(header)) != azure_header)
    lines_.fail("expected the Azure trace header '" + std::string(azure_header) + "', found '" + printable(header, 80) +
                "'");
}

std::optional<Request> AzureTraceReader::next() {
  std::string line;
  if (!checks_.next_row(lines_, line)) return std::nullopt;
  const auto fields = split_csv(line);
  if (fields.size() != 3)
    lines_.fail("expected 3 fields (TIMESTAMP,ContextTokens,GeneratedTokens), found " + std::to_string(fields.size()));
  std::string error;
  const auto stamp = parse_azure_timestamp(fields[0], error);
  if (!stamp) lines_.fail("field 1 (TIMESTAMP): " + error + ", found '" + printable(std::string(fields[0]), 40) + "'");
  const auto prompt = parse_count(fields[1], error);
  if (!prompt) lines_.fail("field 2 (ContextTokens): " + error);
  const auto output = parse_count(fields[2], error);
  if (!output) lines_.fail("field 3 (GeneratedTokens): " + error);
  if (!first_) first_ = *stamp;
  Request r;
  r.arrival_seconds = seconds_between(*first_, *stamp);
  r.prompt_tokens = *prompt;
  r.output_tokens = *output;
  if (r.arrival_seconds < 0)
    lines_.fail("timestamps out of order: " + printable(std::string(fields[0]), 40) +
                " is before the first row's (a trace is sorted by arrival)");
  checks_.check(r, lines_);
  return r;
}

}  // namespace pjsim::serving
