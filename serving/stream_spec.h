// What `pjsim serve` replays: a trace file or a generator, then a slice and a rate scale, opened
// as one RequestSource by open_requests. Plain structs, filled by the config layer from the
// YAML keys serving.requests.* (the field names below are the intended key names).
//
// Example: the first 10 minutes of the Azure conversation trace at twice its rate:
//   StreamSpec s;
//   s.source = StreamSource::trace;
//   s.trace.path = "../shared/traces/azure-llm-2023-conv.csv";   // format auto: detected
//   s.slice.end_seconds = 600;
//   s.slice.rate_scale = 2;
//   for (auto src = open_requests(s); auto r = src->next();) { ... }   // arrivals in [0, 300) s
// A generated stream is sliced and scaled the same way (the slice applies to its arrivals).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "serving/generator.h"
#include "serving/request.h"
#include "serving/slice.h"
#include "serving/trace_format.h"

namespace pjsim::serving {

struct TraceSpec {
  std::string path;
  TraceFormat format = TraceFormat::auto_detect;
  /// Tokens per prefix block for plain CSV/JSONL rows that list blocks without a size (the
  /// Mooncake block size, 512, unless set).
  std::uint64_t prefix_block_tokens = 512;
};

enum class StreamSource { trace, generator };

struct StreamSpec {
  StreamSource source = StreamSource::trace;
  TraceSpec trace;          ///< source trace
  GeneratorSpec generator;  ///< source generator
  SliceSpec slice;
};

/// "trace", "generator"; and back.
std::string stream_source_name(StreamSource source);
std::optional<StreamSource> parse_stream_source(const std::string& name);

/// What is wrong with `spec` without opening any file, as "field: message" with dotted fields
/// relative to the spec (trace.path, trace.prefix_block_tokens, generator.arrivals.rate,
/// slice.first, ...), or an empty string. For the config layer's validation.
std::string stream_problem(const StreamSpec& spec);

/// The stream of `spec`. Throws TraceError: a bad spec ("requests: field: message"), or the
/// errors of opening and reading the trace (a slice that keeps nothing shows on the first next()).
std::unique_ptr<RequestSource> open_requests(const StreamSpec& spec);

}  // namespace pjsim::serving
