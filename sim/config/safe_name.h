// Names that become folder names: a point's `name` (out/<name>/), a study's `study:` (out/<study>/),
// the name read from a report that `pjsim reprice` writes beside. A name from the user must be
// safe as it is; a name derived from a file stem or read from a report is made safe.
//
// Safe: 1 to 128 characters from A-Z a-z 0-9 . _ - +, not starting with '.' or '-' (so never ".",
// "..", a hidden file, or an option), no '/', no spaces, no control characters.
// Example: check_safe_name("../../x", where, "name") throws "...: name: '../../x' cannot name a
// folder: ..."; safe_name("my point\n") == "my_point_".
#pragma once

#include <string>

#include "sim/config/errors.h"

namespace pjsim::sim {

constexpr std::size_t kMaxNameLength = 128;

bool is_safe_name(const std::string& name);
/// Throws UserError at `where` for `key` when `name` is not safe, naming the rule.
void check_safe_name(const std::string& name, const Location& where, const std::string& key);
/// `raw` with every character outside the safe set replaced by '_', a leading '.' or '-' too, cut
/// to kMaxNameLength; "_" when empty.
std::string safe_name(const std::string& raw);

}  // namespace pjsim::sim
