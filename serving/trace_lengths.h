// The (prompt, output) lengths of a trace file, for generators that draw lengths from a real
// trace (length kind "trace"). Read through the trace's own reader (all checks apply), keeping
// at most max_rows pairs: beyond that, a uniform sample of max_rows rows (reservoir sampling,
// Vitter's algorithm R, with the generator's seed), so a 1 GB trace costs 16 MB, not gigabytes.
//
// Example: load_trace_lengths("azure-llm-2023-conv.csv", auto_detect, 1'000'000, 7) holds all
// 19,366 (ContextTokens, GeneratedTokens) pairs in file order; draw one with a uniform index.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "serving/trace_format.h"

namespace pjsim::serving {

/// Rows kept for drawing lengths (16 bytes each): 1,000,000 rows is 16 MB, and a uniform sample
/// of that size reproduces a length distribution's percentiles to about 0.1 %.
constexpr std::size_t max_length_rows = 1'000'000;

struct TraceLengths {
  std::string path;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> rows;  ///< (prompt, output)
};

/// Throws TraceError as the trace's reader does.
TraceLengths load_trace_lengths(const std::string& path, TraceFormat format, std::size_t max_rows,
                                std::uint64_t seed);

}  // namespace pjsim::serving
