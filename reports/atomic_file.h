// Writing a file so that readers see the old bytes or the new ones, never half a file.
//
// Example: write_file_atomically("out/sweep/results.csv", csv_text) writes
//   out/sweep/.results.csv.tmp.<pid>, fsyncs it, then renames it over results.csv.
// A crash or Ctrl-C at any moment leaves either the previous results.csv or the new one.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace pjsim::reports {

/// A file could not be written (full disk, file size limit, permissions): the CLI reports it on
/// one line and exits with code 4, and what was there before is left as it was.
class WriteError : public std::runtime_error {
 public:
  explicit WriteError(const std::string& one_line) : std::runtime_error(one_line) {}
};

/// Write-sync-rename; the parent directory must exist. Throws WriteError naming the path and the
/// system error on failure ("cannot write out/p/.report.json.tmp.42: No space left on device");
/// the temporary file is removed and the target keeps its old bytes.
void write_file_atomically(const std::filesystem::path& target, const std::string& bytes);

/// Several files replaced together: every temporary file is written and synced first, then all
/// are renamed in the given order. If any write fails (a full disk), every temporary file is
/// removed and all targets keep their old bytes: readers never see a new file beside an old one
/// of the same set. Renames need no space, so once the writes succeed the set is replaced.
struct FileBytes {
  std::filesystem::path target;
  std::string bytes;
};
void write_files_together(const std::vector<FileBytes>& files);

}  // namespace pjsim::reports
