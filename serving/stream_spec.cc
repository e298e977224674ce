#include "serving/stream_spec.h"

#include <utility>

#include "serving/fields.h"
#include "serving/trace_error.h"

namespace pjsim::serving {

std::string stream_source_name(StreamSource source) { return source == StreamSource::trace ? "trace" : "generator"; }

std::optional<StreamSource> parse_stream_source(const std::string& name) {
  if (name == "trace") return StreamSource::trace;
  if (name == "generator") return StreamSource::generator;
  return std::nullopt;
}

std::string stream_problem(const StreamSpec& s) {
  if (s.source == StreamSource::trace) {
    if (s.trace.path.empty()) return "trace.path: a trace file is required";
    if (s.trace.prefix_block_tokens == 0 || s.trace.prefix_block_tokens > max_request_tokens)
      return "trace.prefix_block_tokens: must be in [1, 2^32]";
  } else if (const std::string p = generator_problem(s.generator); !p.empty()) {
    return "generator." + p;
  }
  if (const std::string p = slice_problem(s.slice); !p.empty()) return "slice." + p;
  return "";
}

std::unique_ptr<RequestSource> open_requests(const StreamSpec& spec) {
  if (const std::string problem = stream_problem(spec); !problem.empty()) throw TraceError("requests", 0, problem);
  std::unique_ptr<RequestSource> source;
  std::string name = "generator";
  if (spec.source == StreamSource::trace) {
    source = open_trace(spec.trace.path, spec.trace.format, spec.trace.prefix_block_tokens);
    name = spec.trace.path;
  } else {
    source = std::make_unique<GeneratedSource>(spec.generator);
  }
  if (spec.slice.is_identity()) return source;
  return std::make_unique<SlicedSource>(std::move(source), spec.slice, std::move(name));
}

}  // namespace pjsim::serving
