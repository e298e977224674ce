#include "sim/study/spec.h"

#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "sim/config/errors.h"
#include "sim/config/safe_name.h"
#include "sim/config/flatten.h"
#include "sim/config/load.h"
#include "sim/config/schema.h"
#include "sim/study/limits.h"
#include "sim/study/study_serving.h"

namespace pjsim::sim {

namespace studies {
const std::map<std::string, std::string>& embedded_presets();  // generated from studies/*.yaml
}

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kTopKeys = {"study", "description", "base", "point", "set", "axes",
                                           "zip", "filters", "points", "skip_invalid", "compare", "command"};

struct Reader {
  std::string file;
  Location at(const YAML::Node& n) const { return location_of(file, n.Mark()); }
  [[noreturn]] void fail(const YAML::Node& n, const std::string& key, const std::string& msg) const {
    fail_at(at(n), key, msg);
  }
  void expect_map(const YAML::Node& n, const std::string& key) const {
    if (!n.IsMap()) fail(n, key, "expected a map");
  }
  void expect_seq(const YAML::Node& n, const std::string& key) const {
    if (!n.IsSequence()) fail(n, key, "expected a list");
  }
  std::string scalar(const YAML::Node& n, const std::string& key) const {
    if (!n.IsScalar()) fail(n, key, "expected a single value");
    return n.Scalar();
  }
  // Keys of a map, in order, refusing duplicates (yaml-cpp keeps both silently).
  struct Entry {
    std::string name;
    YAML::Node key;  ///< for locating errors about the key itself
    YAML::Node value;
  };
  std::vector<Entry> entries(const YAML::Node& map, const std::string& key) const {
    expect_map(map, key);
    std::vector<Entry> out;
    std::set<std::string> seen;
    for (const auto& kv : map) {
      const std::string name = scalar(kv.first, key);
      if (!seen.insert(name).second) fail(kv.first, key.empty() ? name : key + "." + name, "duplicate key");
      out.push_back({name, kv.first, kv.second});
    }
    return out;
  }
};

std::string yaml_text(const YAML::Node& n) {
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << n;
  return e.c_str();
}

// A design-point key named by a study: it must be a schema leaf or section (did-you-mean else).
void check_point_key(const Reader& r, const YAML::Node& key_node, const std::string& key) {
  if (find_row(key) || is_section(key)) return;
  std::string parent;
  std::string rest = key;
  for (auto dot = rest.find('.'); dot != std::string::npos; dot = rest.find('.')) {
    const std::string segment = rest.substr(0, dot);
    const std::string next = parent.empty() ? segment : parent + "." + segment;
    if (!is_section(next)) break;
    parent = next;
    rest = rest.substr(dot + 1);
  }
  const std::string word = rest.substr(0, rest.find('.'));
  r.fail(key_node, key, "unknown design-point key; " + suggest(word, child_keys(parent)));
}

Overrides overrides_of(const Reader& r, const YAML::Node& map, const std::string& key) {
  Overrides out;
  for (const auto& [name, key_node, value] : r.entries(map, key)) {
    check_point_key(r, key_node, name);
    out.push_back({name, yaml_text(value), r.at(value)});
  }
  return out;
}

// An inline `point:` becomes overrides of the default point, one per top-level section: a map
// with `base:` replaces the section, a map without merges, exactly as in a point file.
Overrides inline_point(const Reader& r, const YAML::Node& point) {
  Overrides out;
  for (const auto& [name, key_node, value] : r.entries(point, "point")) {
    if (name != "name" && name != "description" && name != "arch" && name != "workload" && name != "serving")
      r.fail(key_node, "point." + name, "unknown key; " + suggest(name, {"arch", "description", "name", "serving", "workload"}));
    out.push_back({name, yaml_text(value), r.at(value)});
  }
  return out;
}

std::vector<StudyAxis> axes_of(const Reader& r, const YAML::Node& map, const std::string& key) {
  std::vector<StudyAxis> axes;
  for (const auto& [name, key_node, values] : r.entries(map, key)) {
    check_point_key(r, key_node, name);
    r.expect_seq(values, key + "." + name);
    if (values.size() == 0) r.fail(values, key + "." + name, "an axis needs at least one value");
    StudyAxis axis{name, {}, r.at(key_node)};
    for (const auto& v : values) {
      axis.values.push_back(yaml_text(v));
      axis.value_where.push_back(r.at(v));
    }
    axes.push_back(axis);
  }
  return axes;
}

std::string resolve_base(const std::string& base, const std::string& study_file) {
  std::error_code ec;
  const fs::path beside = fs::path(study_file).parent_path() / base;
  if (!fs::path(base).is_absolute() && fs::exists(beside, ec) && !fs::exists(base, ec)) return beside.lexically_normal().string();
  return base;
}

CompareCandidate candidate_of(const Reader& r, const YAML::Node& node, std::size_t index) {
  const std::string key = fmt::format("compare.candidates[{}]", index);
  CompareCandidate c;
  c.name = fmt::format("candidate{}", index + 1);
  bool has_set = false;
  for (const auto& [name, key_node, value] : r.entries(node, key)) {
    if (name == "name") {
      c.name = r.scalar(value, key + ".name");
    } else if (name == "set") {
      c.set = overrides_of(r, value, key + ".set");
      has_set = true;
    } else if (name == "features") {
      for (const auto& [feature, feature_node, keys] : r.entries(value, key + ".features")) {
        r.expect_seq(keys, key + ".features." + feature);
        std::vector<std::string> list;
        for (const auto& k : keys) list.push_back(r.scalar(k, key + ".features." + feature));
        c.features.emplace_back(feature, list);
      }
    } else {
      r.fail(key_node, key + "." + name, "unknown key; " + suggest(name, {"features", "name", "set"}));
    }
  }
  if (!has_set) r.fail(node, key, "a candidate needs `set:` (the keys it changes from the baseline)");
  std::set<std::string> set_keys, covered;
  for (const auto& o : c.set) set_keys.insert(o.key);
  for (const auto& [feature, keys] : c.features)
    for (const auto& k : keys) {
      if (!set_keys.count(k)) r.fail(node, key + ".features." + feature, "'" + k + "' is not a key of this candidate's set");
      if (!covered.insert(k).second) r.fail(node, key + ".features." + feature, "'" + k + "' is in two features");
    }
  for (const auto& o : c.set)  // keys no feature names are features of their own, in order
    if (!covered.count(o.key)) c.features.push_back({o.key, {o.key}});
  return c;
}

std::vector<CompareCandidate> compare_of(const Reader& r, const YAML::Node& node) {
  std::vector<CompareCandidate> out;
  for (const auto& [name, key_node, value] : r.entries(node, "compare")) {
    if (name != "candidates") r.fail(key_node, "compare." + name, "unknown key; " + suggest(name, {"candidates"}));
    r.expect_seq(value, "compare.candidates");
    for (std::size_t i = 0; i < value.size(); ++i) out.push_back(candidate_of(r, value[i], i));
  }
  if (out.empty()) r.fail(node, "compare", "needs `candidates:` (a list)");
  return out;
}

void parse_top(const Reader& r, const std::string& name, const YAML::Node& key_node, const YAML::Node& value,
               StudySpec& s) {
  if (name == "study") {
    s.name = r.scalar(value, name);
    check_safe_name(s.name, r.at(value), name);
  }
  else if (name == "description") s.description = r.scalar(value, name);
  else if (name == "base") s.base = resolve_base(r.scalar(value, name), r.file);
  else if (name == "point") {
    const Overrides p = inline_point(r, value);
    s.base_set.insert(s.base_set.begin(), p.begin(), p.end());
  } else if (name == "set") {
    const Overrides o = overrides_of(r, value, name);
    s.base_set.insert(s.base_set.end(), o.begin(), o.end());
  } else if (name == "axes") s.axes = axes_of(r, value, name);
  else if (name == "zip") {
    r.expect_seq(value, name);
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string key = fmt::format("zip[{}]", i);
      auto group = axes_of(r, value[i], key);
      for (const auto& a : group)
        if (a.values.size() != group.front().values.size())
          r.fail(value[i], key + "." + a.key, fmt::format("{} values, but {} has {}: zipped lists must have the same length",
                                                        a.values.size(), group.front().key, group.front().values.size()));
      s.zips.push_back(group);
    }
  } else if (name == "filters") {
    r.expect_seq(value, name);
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string key = fmt::format("filters[{}]", i);
      for (const auto& [fname, fkey, fvalue] : r.entries(value[i], key)) {
        if (fname != "skip_if") r.fail(fkey, key + "." + fname, "unknown key; " + suggest(fname, {"skip_if"}));
        s.skip_if.push_back(overrides_of(r, fvalue, key + ".skip_if"));
      }
    }
  } else if (name == "points") {
    r.expect_seq(value, name);
    for (std::size_t i = 0; i < value.size(); ++i) s.extra_points.push_back(overrides_of(r, value[i], fmt::format("points[{}]", i)));
  } else if (name == "skip_invalid") {
    const std::string v = r.scalar(value, name);
    if (v != "true" && v != "false") r.fail(value, name, "expected true or false");
    s.skip_invalid = v == "true";
  } else if (name == "command") {
    s.command = r.scalar(value, name);
    if (s.command != "run" && s.command != "serve")
      r.fail(value, name, "\"" + s.command + "\" is not run or serve (what each point runs: pjsim run or pjsim serve)");
  } else if (name == "compare") s.candidates = compare_of(r, value);
  else r.fail(key_node, name, "unknown study key; " + suggest(name, kTopKeys));
}

// True when setting `a` also sets `b` or the other way round: equal keys, or a section and a key under it.
bool overlaps(const std::string& a, const std::string& b) {
  const auto under = [](const std::string& key, const std::string& section) {
    return key.size() > section.size() && key.compare(0, section.size(), section) == 0 && key[section.size()] == '.';
  };
  return a == b || under(a, b) || under(b, a);
}

// Every point takes one value of each axis and zip group, applied in order: two of them setting
// the same key would leave the table showing one value while the later one runs.
void check_keys_set_once(const StudySpec& s) {
  std::vector<const StudyAxis*> all;
  for (const StudyAxis& a : s.axes) all.push_back(&a);
  for (const auto& group : s.zips)
    for (const StudyAxis& a : group) all.push_back(&a);
  for (std::size_t i = 0; i < all.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (overlaps(all[i]->key, all[j]->key)) {
        const std::string what = all[i]->key == all[j]->key ? "is already varied" : "overlaps " + all[j]->key + ", varied";
        fail_at(all[i]->where, all[i]->key,
                what + " at " + all[j]->where.to_string() + ": a key may be set by one axis or zip group only");
      }
}

bool skipped(const StudySpec& s, const Overrides& point) {
  for (const Overrides& rule : s.skip_if) {
    bool all = true;
    for (const Override& cond : rule) {
      bool match = false;
      for (const Override& o : point) match = match || (o.key == cond.key && o.value == cond.value);
      all = all && match;
    }
    if (all && !rule.empty()) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> to_sets(const Overrides& overrides) {
  std::vector<std::string> out;
  for (const Override& o : overrides) out.push_back(o.key + "=" + o.value);
  return out;
}

std::vector<Location> set_locations(const Overrides& overrides) {
  std::vector<Location> out;
  for (const Override& o : overrides) out.push_back(o.where.file.empty() ? Location{"--set"} : o.where);
  return out;
}

Overrides shown_overrides(const Overrides& overrides) {
  Overrides out = overrides;
  for (Override& o : out)
    if (o.value.size() > kShownValueBytes)
      o.value = fmt::format("{}... [{} bytes, fnv1a64:{}]", o.value.substr(0, 64), o.value.size(), config_hash_of(o.value));
  return out;
}

StudySpec parse_study(const std::string& text, const std::string& file) {
  const Reader r{file};
  const YAML::Node root = parse_yaml(text, file);
  if (!root.IsMap()) fail_at(Location{file, 1, 1}, "", "a study is a map with `study:`, `base:`, `axes:` ...");
  StudySpec s;
  s.file = file;
  s.name = safe_name(fs::path(file).stem().string());
  for (const auto& [name, key_node, value] : r.entries(root, "")) parse_top(r, name, key_node, value, s);
  if (s.axes.empty() && s.zips.empty() && s.extra_points.empty() && s.candidates.empty())
    fail_at(Location{file}, "axes", "a study needs `axes:`, `zip:`, `points:` or `compare:`");
  check_keys_set_once(s);
  check_serving_axes(s);
  check_study_size(s, root, file);
  resolve_trace_paths(s);  // sim/study/study_serving.h
  return s;
}

std::vector<std::string> embedded_study_names() {
  std::vector<std::string> names;
  for (const auto& [name, text] : studies::embedded_presets()) names.push_back(name);
  return names;
}

StudySpec load_study(const std::string& file_or_name) {
  std::error_code ec;
  // A folder of that name (`serving/` in the source tree) is not a study file: the embedded study wins.
  if (!fs::exists(file_or_name, ec) || fs::is_directory(file_or_name, ec)) {
    const auto& embedded = studies::embedded_presets();
    const auto it = embedded.find(file_or_name);
    if (it != embedded.end()) return parse_study(it->second, "preset:" + file_or_name);
    if (file_or_name.find('/') == std::string::npos && file_or_name.find(".yaml") == std::string::npos)
      fail_at(Location{file_or_name}, "", "no such study file or embedded study; " +
              suggest(file_or_name, embedded_study_names(), "embedded studies"));
  }
  return parse_study(read_text_file(file_or_name, "study"), file_or_name);
}

std::vector<StudyPoint> expand_points(const StudySpec& s) {
  // Each dimension is a list of alternatives; an alternative is a list of overrides.
  std::vector<std::vector<Overrides>> dims;
  for (const StudyAxis& a : s.axes) {
    std::vector<Overrides> alts;
    for (std::size_t i = 0; i < a.values.size(); ++i)
      alts.push_back({{a.key, a.values[i], i < a.value_where.size() ? a.value_where[i] : Location{}}});
    dims.push_back(alts);
  }
  for (const auto& group : s.zips) {
    std::vector<Overrides> alts(group.front().values.size());
    for (const StudyAxis& a : group)
      for (std::size_t i = 0; i < a.values.size(); ++i)
        alts[i].push_back({a.key, a.values[i], i < a.value_where.size() ? a.value_where[i] : Location{}});
    dims.push_back(alts);
  }
  std::vector<Overrides> combos;
  if (!dims.empty()) combos.push_back({});
  for (const auto& dim : dims) {
    std::vector<Overrides> next;
    for (const Overrides& c : combos)
      for (const Overrides& alt : dim) {
        Overrides o = c;
        o.insert(o.end(), alt.begin(), alt.end());
        next.push_back(o);
      }
    combos = next;
  }
  std::vector<StudyPoint> points;
  auto add = [&](const Overrides& o) { points.push_back({fmt::format("p{:03}", points.size()), o}); };
  for (const Overrides& c : combos)
    if (!skipped(s, c)) add(c);
  for (const Overrides& extra : s.extra_points) add(extra);
  return points;
}

}  // namespace pjsim::sim
