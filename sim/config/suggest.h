// "Did you mean ...?": the closest candidate to a misspelt word, for unknown keys and names.
//
// Example: suggest("corse", {"cores", "frequency"}) == "did you mean 'cores'?";
//          suggest("zzz", {"a", "b"}, "valid kinds") == "valid kinds: a, b".
#pragma once

#include <string>
#include <vector>

namespace pjsim::sim {

/// "did you mean 'x'?" when a candidate is within about a third of `word`'s length in edits
/// (optimal string alignment: a transposition costs 1), else "<what>: a, b, c".
std::string suggest(const std::string& word, const std::vector<std::string>& candidates,
                    const std::string& what = "valid keys");

}  // namespace pjsim::sim
