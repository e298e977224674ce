// Helpers of the request-stream tests: read a whole stream, open a trace held in a string (so
// error messages name a short file), and the paths of the trace slices and the full traces.
#pragma once

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "serving/line_reader.h"
#include "serving/request.h"
#include "serving/trace_error.h"
#include "serving/trace_format.h"

namespace pjsim::serving::test {

inline std::vector<Request> drain(RequestSource& source) {
  std::vector<Request> out;
  while (auto r = source.next()) out.push_back(std::move(*r));
  return out;
}

inline std::unique_ptr<RequestSource> from_text(const std::string& text, const std::string& name,
                                                TraceFormat format = TraceFormat::auto_detect) {
  return open_trace(LineReader(std::make_unique<std::istringstream>(text), name), format, 512);
}

inline std::vector<Request> read_text(const std::string& text, const std::string& name,
                                      TraceFormat format = TraceFormat::auto_detect) {
  auto source = from_text(text, name, format);
  return drain(*source);
}

/// The message of the TraceError that opening and draining `text` throws, or "no error".
inline std::string error_of(const std::string& text, const std::string& name,
                            TraceFormat format = TraceFormat::auto_detect) {
  try {
    read_text(text, name, format);
  } catch (const TraceError& e) {
    return e.what();
  }
  return "no error";
}

/// A slice of the test data (tests/data/traces/).
inline std::string slice_path(const std::string& file) {
  return std::string(PJSIM_SOURCE_DIR) + "/tests/data/traces/" + file;
}

/// A whole trace of the workplace (../shared/traces/ beside the checkout), or "" when absent.
inline std::string shared_trace(const std::string& file) {
  const std::filesystem::path p = std::filesystem::path(PJSIM_SOURCE_DIR) / ".." / "shared" / "traces" / file;
  return std::filesystem::is_regular_file(p) ? p.string() : "";
}

}  // namespace pjsim::serving::test
