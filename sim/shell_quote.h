// Quoting words for the shell scripts pjsim writes (the sbatch script of `pjsim sweep --slurm`),
// so that a path with spaces, quotes or `$` reaches the command as one word, unexpanded.
//
// Example: shell_quote("/data/my study.yaml") == "'/data/my study.yaml'"
//          shell_quote("it's") == "'it'\''s'"
//          shell_quote("/opt/pjsim/build/pjsim") == "/opt/pjsim/build/pjsim"   (only safe characters)
#pragma once

#include <string>

namespace pjsim::sim {

/// The word bare when it holds only [A-Za-z0-9_./:=@%+,-] (and is not empty), else in single
/// quotes with each ' written as '\''.
std::string shell_quote(const std::string& word);

}  // namespace pjsim::sim
