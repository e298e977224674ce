#include "serving/plain_csv_trace.h"

#include <string>
#include <utility>

#include "serving/csv_row.h"

namespace pjsim::serving {

namespace {

constexpr std::size_t absent = std::string::npos;

std::vector<std::uint64_t> block_ids(std::string_view text, const LineReader& at) {
  std::vector<std::uint64_t> ids;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == ';' || text[i] == '\t') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != ';' && text[end] != '\t') ++end;
    std::string error;
    const auto id = parse_id(text.substr(i, end - i), error);
    if (!id) at.fail("column prefix_blocks: block id " + error);
    ids.push_back(*id);
    i = end;
  }
  return ids;
}

}  // namespace

PlainCsvTraceReader::PlainCsvTraceReader(LineReader lines, std::uint64_t default_block_tokens)
    : lines_(std::move(lines)), default_block_tokens_(default_block_tokens) {
  std::string header;
  if (!lines_.next(header)) fail_empty(lines_);
  const auto names = split_csv(without_bom(header));
  columns_ = names.size();
  std::size_t* slots[] = {&arrival_, &prompt_, &output_, &blocks_, &block_tokens_};
  const char* known[] = {"arrival_seconds", "prompt_tokens", "output_tokens", "prefix_blocks", "prefix_block_tokens"};
  for (std::size_t* slot : slots) *slot = absent;
  for (std::size_t c = 0; c < names.size(); ++c) {
    std::size_t k = 0;
    while (k < 5 && names[c] != known[k]) ++k;
    if (k == 5)
      lines_.fail("unknown column '" + printable(std::string(names[c]), 40) +
                  "' (known: arrival_seconds, prompt_tokens, output_tokens, prefix_blocks, prefix_block_tokens)");
    if (*slots[k] != absent) lines_.fail("duplicate column '" + std::string(known[k]) + "'");
    *slots[k] = c;
  }
  for (std::size_t k = 0; k < 3; ++k)
    if (*slots[k] == absent) lines_.fail("missing column '" + std::string(known[k]) + "' in the header");
}

std::optional<Request> PlainCsvTraceReader::next() {
  std::string line;
  if (!checks_.next_row(lines_, line)) return std::nullopt;
  const auto fields = split_csv(line);
  if (fields.size() != columns_)
    lines_.fail("expected " + std::to_string(columns_) + " fields as in the header, found " + std::to_string(fields.size()));
  std::string error;
  const auto arrival = parse_seconds(fields[arrival_], error);
  if (!arrival) lines_.fail("column arrival_seconds: " + error);
  const auto prompt = parse_count(fields[prompt_], error);
  if (!prompt) lines_.fail("column prompt_tokens: " + error);
  const auto output = parse_count(fields[output_], error);
  if (!output) lines_.fail("column output_tokens: " + error);
  Request r;
  r.arrival_seconds = *arrival;
  r.prompt_tokens = *prompt;
  r.output_tokens = *output;
  if (blocks_ != absent) r.prefix_blocks = block_ids(fields[blocks_], lines_);
  if (block_tokens_ != absent && !fields[block_tokens_].empty()) {
    const auto tokens = parse_count(fields[block_tokens_], error);
    if (!tokens || *tokens == 0) lines_.fail("column prefix_block_tokens: " + (tokens ? "must be at least 1" : error));
    r.prefix_block_tokens = *tokens;
  } else if (!r.prefix_blocks.empty()) {
    r.prefix_block_tokens = default_block_tokens_;
  }
  checks_.check(r, lines_);
  return r;
}

}  // namespace pjsim::serving
