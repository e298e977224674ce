// User errors versus simulator bugs (as gem5 keeps `fatal` apart from `panic`).
//
// A UserError is the user's to fix: a bad key, unit, value, file or an impossible design.
// It carries one line, "file:line:col: key.path: message", and the CLI exits with code 2.
// Anything else that escapes is an internal error: the CLI prints it and exits with code 1.
#pragma once

#include <stdexcept>
#include <string>

namespace pjsim::sim {

enum ExitCode : int { exit_ok = 0, exit_internal = 1, exit_user = 2 };

class UserError : public std::runtime_error {
 public:
  explicit UserError(const std::string& one_line) : std::runtime_error(one_line) {}
};

/// Where a setting came from: a file (or "preset:NAME", "--set") and a 1-based line and column.
struct Location {
  std::string file;
  int line = 0;  ///< 0 when unknown (then only file is printed)
  int col = 0;
  std::string to_string() const;  ///< "file:line:col" or "file"
};

/// Throws UserError("<where>: <key_path>: <message>").
[[noreturn]] void fail_at(const Location& where, const std::string& key_path, const std::string& message);

}  // namespace pjsim::sim
