// What every fuzz target checks beside "no crash, no sanitizer report": a UserError is one
// non-empty line (the project's promise for bad input). Anything else that escapes the loader is
// a bug and aborts, so libFuzzer records the input.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace pjsim::fuzz {

inline void check_user_error(const std::string& message) {
  if (message.empty() || message.find('\n') != std::string::npos) {
    std::fprintf(stderr, "fuzz: a UserError is not one non-empty line: [%s]\n", message.c_str());
    std::abort();
  }
}

/// Splits the input's leading "#--set key=value", "#--arch NAME" and "#--workload NAME" lines
/// (YAML comments, so the rest stays a document) into command-line options.
struct CommandLine {
  std::vector<std::string> sets;
  std::string arch, workload;
};

inline CommandLine leading_options(const std::string& text) {
  CommandLine c;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, end - at);
    if (line.rfind("#--set ", 0) == 0) c.sets.push_back(line.substr(7));
    else if (line.rfind("#--arch ", 0) == 0) c.arch = line.substr(8);
    else if (line.rfind("#--workload ", 0) == 0) c.workload = line.substr(12);
    else break;
    at = end + 1;
  }
  return c;
}

}  // namespace pjsim::fuzz
