#include "serving/mooncake_trace.h"

#include <string>
#include <utility>

#include "serving/csv_row.h"
#include "serving/json_row.h"

namespace pjsim::serving {

MooncakeTraceReader::MooncakeTraceReader(LineReader lines) : lines_(std::move(lines)) {}

std::optional<Request> MooncakeTraceReader::next() {
  static const std::vector<std::string> known = {"timestamp", "input_length", "output_length", "hash_ids"};
  std::string line;
  if (!checks_.next_row(lines_, line)) return std::nullopt;
  const nlohmann::json row = parse_json_row(std::string(without_bom(line)), known, lines_);
  Request r;
  r.arrival_seconds = json_seconds(required_field(row, "timestamp", lines_), "timestamp", lines_) / 1000.0;
  r.prompt_tokens = json_count(required_field(row, "input_length", lines_), "input_length", lines_);
  r.output_tokens = json_count(required_field(row, "output_length", lines_), "output_length", lines_);
  if (row.contains("hash_ids")) {
    r.prefix_blocks = json_ids(row.at("hash_ids"), "hash_ids", lines_);
    r.prefix_block_tokens = mooncake_block_tokens;
  }
  checks_.check(r, lines_);
  return r;
}

}  // namespace pjsim::serving
