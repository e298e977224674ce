#include "serving/trace_lengths.h"

#include "serving/random.h"

namespace pjsim::serving {

TraceLengths load_trace_lengths(const std::string& path, TraceFormat format, std::size_t max_rows,
                                std::uint64_t seed) {
  TraceLengths lengths;
  lengths.path = path;
  Rng rng(seed);
  const auto source = open_trace(path, format, 512);
  std::uint64_t seen = 0;
  while (const auto r = source->next()) {
    const std::pair<std::uint64_t, std::uint64_t> row(r->prompt_tokens, r->output_tokens);
    if (lengths.rows.size() < max_rows) {
      lengths.rows.push_back(row);
    } else {
      const std::uint64_t slot = rng.uniform_int(0, seen);  // row `seen` replaces one with probability max_rows / (seen + 1)
      if (slot < max_rows) lengths.rows[slot] = row;
    }
    ++seen;
  }
  return lengths;
}

}  // namespace pjsim::serving
