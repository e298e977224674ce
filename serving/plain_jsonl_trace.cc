#include "serving/plain_jsonl_trace.h"

#include <string>
#include <utility>

#include "serving/csv_row.h"
#include "serving/json_row.h"

namespace pjsim::serving {

PlainJsonlTraceReader::PlainJsonlTraceReader(LineReader lines, std::uint64_t default_block_tokens)
    : lines_(std::move(lines)), default_block_tokens_(default_block_tokens) {}

std::optional<Request> PlainJsonlTraceReader::next() {
  static const std::vector<std::string> known = {"arrival_seconds", "prompt_tokens", "output_tokens", "prefix_blocks",
                                                 "prefix_block_tokens"};
  std::string line;
  if (!checks_.next_row(lines_, line)) return std::nullopt;
  const nlohmann::json row = parse_json_row(std::string(without_bom(line)), known, lines_);
  Request r;
  r.arrival_seconds = json_seconds(required_field(row, "arrival_seconds", lines_), "arrival_seconds", lines_);
  r.prompt_tokens = json_count(required_field(row, "prompt_tokens", lines_), "prompt_tokens", lines_);
  r.output_tokens = json_count(required_field(row, "output_tokens", lines_), "output_tokens", lines_);
  if (row.contains("prefix_blocks")) r.prefix_blocks = json_ids(row.at("prefix_blocks"), "prefix_blocks", lines_);
  if (row.contains("prefix_block_tokens")) {
    r.prefix_block_tokens = json_count(row.at("prefix_block_tokens"), "prefix_block_tokens", lines_);
    if (r.prefix_block_tokens == 0) lines_.fail("field 'prefix_block_tokens' must be at least 1");
  } else if (!r.prefix_blocks.empty()) {
    r.prefix_block_tokens = default_block_tokens_;
  }
  checks_.check(r, lines_);
  return r;
}

}  // namespace pjsim::serving
