// Fuzz target: the bytes are a request trace file (serving/trace_format.h), read to the end by
// every reader: format auto-detected under a .csv, a .jsonl and an extension-less name, then
// each format named explicitly; then the auto-detected stream sliced and rate-scaled
// (serving/slice.h). The bytes reach the readers as a stream (std::istringstream) through the
// same LineReader a file goes through; only opening the file is skipped.
// A TraceError is the expected outcome of bad input and must be one printable line; a stream
// that reads without error must keep the promises of serving/request.h (ids 0, 1, ...; arrivals
// finite, non-negative and in order; at least 1 prompt and 1 output token; prefix blocks that
// fit the prompt). Anything else escaping, or a broken promise, is a bug and aborts.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

#include "fuzz/fuzz_checks.h"
#include "serving/line_reader.h"
#include "serving/slice.h"
#include "serving/trace_error.h"
#include "serving/trace_format.h"

namespace {

using pjsim::serving::Request;
using pjsim::serving::RequestSource;
using pjsim::serving::TraceFormat;

[[noreturn]] void broken(const char* what, const Request& r) {
  std::fprintf(stderr, "fuzz: request %llu: %s\n", static_cast<unsigned long long>(r.id), what);
  std::abort();
}

void drain(RequestSource& source, double before) {
  std::uint64_t count = 0;
  double previous = 0;
  while (const auto r = source.next()) {
    if (r->id != count) broken("ids are not 0, 1, 2, ...", *r);
    if (!std::isfinite(r->arrival_seconds) || r->arrival_seconds < 0) broken("arrival not finite and >= 0", *r);
    if (r->arrival_seconds < previous) broken("arrivals out of order", *r);
    if (r->arrival_seconds >= before) broken("arrival past the slice's window", *r);
    if (r->prompt_tokens == 0 || r->output_tokens == 0) broken("0 tokens", *r);
    if (!r->prefix_blocks.empty() &&
        (r->prefix_block_tokens == 0 ||
         r->prefix_blocks.size() > (r->prompt_tokens + r->prefix_block_tokens - 1) / r->prefix_block_tokens))
      broken("prefix blocks do not fit the prompt", *r);
    previous = r->arrival_seconds;
    ++count;
  }
}

void read(const std::string& bytes, const std::string& name, TraceFormat format, bool sliced) {
  try {
    pjsim::serving::LineReader lines(std::make_unique<std::istringstream>(bytes), name);
    auto source = pjsim::serving::open_trace(std::move(lines), format, 512);
    double before = INFINITY;
    if (sliced) {
      pjsim::serving::SliceSpec slice;
      slice.start_seconds = 0.5;
      slice.end_seconds = 100;
      slice.first = 50;
      slice.rate_scale = 3;
      before = (100 - 0.5) / 3 * (1 + 1e-12);
      source = std::make_unique<pjsim::serving::SlicedSource>(std::move(source), slice, name);
    }
    drain(*source, before);
  } catch (const pjsim::serving::TraceError& e) {
    const std::string message = e.what();
    pjsim::fuzz::check_user_error(message);
    for (const char c : message)
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
        std::fprintf(stderr, "fuzz: a TraceError is not printable ASCII: [%s]\n", message.c_str());
        std::abort();
      }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  for (const char* name : {"fuzz.csv", "fuzz.jsonl", "fuzz"}) read(bytes, name, TraceFormat::auto_detect, false);
  for (const TraceFormat format : {TraceFormat::azure, TraceFormat::mooncake, TraceFormat::csv, TraceFormat::jsonl})
    read(bytes, "fuzz.trace", format, false);
  read(bytes, "fuzz", TraceFormat::auto_detect, true);
  return 0;
}
