// User errors versus simulator bugs (as gem5 keeps `fatal` apart from `panic`).
//
// A UserError is the user's to fix: a bad key, unit, value, file or an impossible design.
// It carries one line, "file:line:col: key.path: message", and the CLI exits with code 2.
// A file that cannot be written (full disk, size limit, permissions) exits with code 4, and
// anything else that escapes is an internal error: the CLI prints it and exits with code 1.
#pragma once

#include <stdexcept>
#include <string>

namespace pjsim::sim {

enum ExitCode : int { exit_ok = 0, exit_internal = 1, exit_user = 2, exit_write = 4 };

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

/// Length of the valid UTF-8 sequence starting at text[i] (1 to 4), or 0 when text[i] does not
/// start one (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, cut short).
std::size_t utf8_length_at(const std::string& text, std::size_t i);

/// `text` as one readable line of valid UTF-8, whatever it quotes: control characters and bytes
/// that are not UTF-8 escaped (\n, \xff), the middle of a line longer than 2000 characters cut
/// out. Idempotent: what it returns passes through unchanged (the CLI applies it to every message).
std::string one_line(const std::string& text);

/// Throws UserError("<where>: <key_path>: <message>"), control characters and bytes that are not
/// UTF-8 escaped (\n, \xff) and the middle of a line longer than 2000 characters cut out, so it
/// stays one readable line of valid UTF-8 (messages end up in JSON and CSV files).
[[noreturn]] void fail_at(const Location& where, const std::string& key_path, const std::string& message);

}  // namespace pjsim::sim
