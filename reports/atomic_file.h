// Writing a file so that readers see the old bytes or the new ones, never half a file.
//
// Example: write_file_atomically("out/sweep/results.csv", csv_text) writes
//   out/sweep/.results.csv.tmp.<pid>, fsyncs it, then renames it over results.csv.
// A crash or Ctrl-C at any moment leaves either the previous results.csv or the new one.
#pragma once

#include <filesystem>
#include <string>

namespace pjsim::reports {

/// Write-sync-rename; the parent directory must exist. Throws std::runtime_error naming the
/// path and the system error on failure (the temporary file is removed).
void write_file_atomically(const std::filesystem::path& target, const std::string& bytes);

}  // namespace pjsim::reports
