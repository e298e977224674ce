// Quoting words for the shell commands and scripts pjsim writes (the gnuplot command of the
// charts, the sbatch script of `pjsim sweep --slurm`), so that a path with spaces, quotes or `$`
// reaches the command as one word, unexpanded.
//
// Example: shell_quote("/data/my study.yaml") == "'/data/my study.yaml'"
//          shell_quote("it's") == "'it'\''s'"
//          shell_quote("/opt/pjsim/build/pjsim") == "/opt/pjsim/build/pjsim"   (only safe characters)
#pragma once

#include <string>

namespace pjsim::reports {

/// The word bare when it holds only [A-Za-z0-9_./:=@%+,-] (and is not empty), else in single
/// quotes with each ' written as '\''.
std::string shell_quote(const std::string& word);

}  // namespace pjsim::reports
