#include "sim/study/study_serving.h"

#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "sim/config/errors.h"

namespace pjsim::sim {

namespace {

namespace fs = std::filesystem;

std::string yaml_text(const YAML::Node& n) {
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << n;
  return e.c_str();
}

}  // namespace

// `pjsim run` ignores serving.*: varying it in a study of run points would give equal points.
void check_serving_axes(const StudySpec& s) {
  if (s.command == "serve") return;
  const auto check = [](const std::string& key, const Location& where) {
    if (key == "serving" || key.rfind("serving.", 0) == 0)
      fail_at(where, key, "serving keys vary only served points: add `command: serve` to the study");
  };
  for (const StudyAxis& a : s.axes) check(a.key, a.where);
  for (const auto& group : s.zips)
    for (const StudyAxis& a : group) check(a.key, a.where);
  for (const Overrides& p : s.extra_points)
    for (const Override& o : p) check(o.key, o.where);
}

// A relative trace path is relative to the study file; an embedded study's to the studies/ folder
// of the source tree it was built from (PJSIM_STUDIES_DIR), when that file is there, else to the
// working directory. Resolved here so that every point, sweep or comparison, reads the same file.
void resolve_trace_paths(StudySpec& s) {
  const bool embedded = s.file.rfind("preset:", 0) == 0;
  const fs::path dir = embedded ? fs::path(PJSIM_STUDIES_DIR) : fs::path(s.file).parent_path();
  const auto resolve = [&](Override& o) {
    const bool is_trace = o.key == "serving.requests.trace" || o.key == "serving.requests.prompt.trace" ||
                          o.key == "serving.requests.output.trace";
    if (!is_trace) return;
    const YAML::Node n = YAML::Load(o.value);
    if (!n.IsScalar() || n.Scalar().empty() || fs::path(n.Scalar()).is_absolute()) return;
    const fs::path p = (dir / n.Scalar()).lexically_normal();
    std::error_code ec;
    if (embedded && !fs::exists(p, ec)) return;
    o.value = yaml_text(YAML::Node(p.string()));
  };
  for (Override& o : s.base_set) resolve(o);
  for (StudyAxis& a : s.axes)
    for (std::string& v : a.values) {
      Override o{a.key, v};
      resolve(o);
      v = o.value;
    }
  for (Overrides& p : s.extra_points)
    for (Override& o : p) resolve(o);
  for (CompareCandidate& c : s.candidates)
    for (Override& o : c.set) resolve(o);
}

}  // namespace pjsim::sim
