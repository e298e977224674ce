#include "sim/config/flatten.h"

#include <filesystem>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include "sim/config/input_limits.h"
#include "sim/config/load.h"
#include "sim/config/presets.h"
#include "sim/config/schema.h"
#include "workloads/hf_config.h"

namespace pjsim::sim {

namespace {

std::string join(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool looks_like_path(const std::string& arg) {
  const auto ends_with = [&](const std::string& tail) {
    return arg.size() >= tail.size() && arg.compare(arg.size() - tail.size(), tail.size(), tail) == 0;
  };
  return arg.find('/') != std::string::npos || ends_with(".yaml") || ends_with(".yml");
}

// Where each document of a YAML stream starts (yaml-cpp's parser events; the rest are ignored).
struct DocumentStarts : YAML::EventHandler {
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

}  // namespace

Location location_of(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0) return Location{file, 0, 0};
  return Location{file, mark.line + 1, mark.column + 1};
}

std::string read_text_file(const std::string& path, const std::string& what) {
  return read_limited_file(path, what, kMaxInputFileBytes);
}

std::string read_text_file(const std::string& path) { return read_limited_file(path, "input", kMaxReportFileBytes); }

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
  check_utf8(text, file);
  YAML::Node root;
  try {
    // At most two documents are looked for: YAML::LoadAll loops forever on some malformed text,
    // whose parser yields empty documents without reading on (found by the study fuzzer).
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    DocumentStarts documents;
    while (documents.starts.size() < 2 && parser.HandleNextDocument(documents)) {
    }
    if (documents.starts.size() > 1) {
      const YAML::Mark& second = documents.starts[1];
      if (second.pos == documents.starts[0].pos)
        fail_at(location_of(file, second), "", "malformed YAML: the parser cannot read on from here");
      fail_at(location_of(file, second), "", "a second YAML document (after `---`): one document per file, the rest would be ignored");
    }
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {  // yaml-cpp's own depth limit, about 1000 levels ("bad file")
    fail_at(location_of(file, e.mark), "", fmt::format("lists and maps nested more than {} levels deep", kMaxYamlDepth));
  } catch (const YAML::Exception& e) {
    fail_at(location_of(file, e.mark), "", "malformed YAML: " + e.msg);
  }
  check_yaml_shape(root, file);
  return root;
}

Location Flattener::at(const std::string& file, const YAML::Mark& mark) const {
  return in_set_ && file == "--set" ? set_where_ : location_of(file, mark);
}

void Flattener::add_point(const YAML::Node& root, const std::string& file) {
  if (!root.IsMap())
    fail_at(location_of(file, root.Mark()), "", "expected a design point: a map with keys arch and workload");
  document_ = file;
  written_.clear();
  add_map(root, "", file);
  document_.clear();
}

void Flattener::check_written_once(const std::string& path, const std::string& file, const Location& where) {
  if (file != document_) return;  // presets and config.json layer under the document's own keys
  const auto [it, first] = written_.emplace(path, where);
  if (!first)
    fail_at(where, path, "duplicate key: already set at " + it->second.to_string());
}

void Flattener::add_section(const YAML::Node& value, const std::string& path, const std::string& file) {
  const std::string kind = preset_kind(path);
  const Location where = at(file, value.Mark());
  if (value.IsScalar() && !kind.empty()) {
    apply_base(value.Scalar(), path, where);
    return;
  }
  if (!value.IsMap())
    fail_at(where, path,
            kind.empty() ? "expected a map with keys " + joined(child_keys(path), ", ")
                         : "expected a " + kind + " preset name or a map with keys " + joined(child_keys(path), ", "));
  add_map(value, path, file);
}

void Flattener::add_map(const YAML::Node& map, const std::string& path, const std::string& file) {
  out_.sections[path] = at(file, map.Mark());
  const bool has_base = !preset_kind(path).empty();
  std::set<std::string> seen;
  // The base is applied before the section's own keys, wherever it is written, so they override it.
  for (const auto& entry : map) {
    const Location key_at = at(file, entry.first.Mark());
    if (!entry.first.IsScalar()) fail_at(key_at, path, "keys must be plain names");
    const std::string key = entry.first.Scalar();
    if (!seen.insert(key).second) fail_at(key_at, join(path, key), "duplicate key");
    if (key != "base" || !has_base) continue;
    if (!entry.second.IsScalar()) fail_at(key_at, join(path, key), "expected a preset name");
    apply_base(entry.second.Scalar(), path, at(file, entry.second.Mark()));
  }
  if (preset_kind(path) == "model" && map["config_json"]) {
    const YAML::Node json = map["config_json"];
    if (!json.IsScalar()) fail_at(at(file, json.Mark()), join(path, "config_json"), "expected a file path");
    apply_config_json(json.Scalar(), path, file, at(file, json.Mark()));
  }
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    if (key == "base" && has_base) continue;
    if (key == "config_json" && preset_kind(path) == "model") {  // applied before the section's keys
      check_written_once(join(path, key), file, at(file, entry.first.Mark()));
      continue;
    }
    const Location key_at = at(file, entry.first.Mark());
    check_known(path, key, key_at);
    const std::string child = join(path, key);
    check_written_once(child, file, key_at);
    if (is_section(child)) {
      add_section(entry.second, child, file);
      continue;
    }
    const Location value_at = at(file, entry.second.Mark());
    out_.leaves[child] = Setting{entry.second, value_at.line > 0 ? value_at : key_at};
  }
}

void Flattener::apply_base(const std::string& name, const std::string& path, const Location& where) {
  const std::string kind = preset_kind(path);
  const std::optional<std::string> text = preset_text(kind, name);
  if (!text)
    fail_at(where, path, "unknown " + kind + " preset '" + name + "'; known: " + joined(preset_names(kind), ", "));
  const std::string key = kind + ":" + name;
  for (std::size_t i = 0; i < preset_stack_.size(); ++i)
    if (preset_stack_[i] == key) {
      std::vector<std::string> cycle(preset_stack_.begin() + static_cast<std::ptrdiff_t>(i), preset_stack_.end());
      cycle.push_back(key);
      fail_at(where, path, "base presets form a cycle: " + joined(cycle, " -> "));
    }
  preset_stack_.push_back(key);
  const std::string file = "preset:" + name;
  const YAML::Node root = parse_yaml(*text, file);
  clear_under(path);
  add_section(root[kind], path, file);
  out_.leaves[path + ".base"] = Setting{YAML::Node(name), where};
  preset_stack_.pop_back();
}

void Flattener::apply_config_json(const std::string& json_path, const std::string& section, const std::string& file,
                                  const Location& referenced_at) {
  std::filesystem::path resolved(json_path);
  const bool from_file = file.rfind("preset:", 0) != 0 && file.rfind("--", 0) != 0;
  if (resolved.is_relative() && from_file) resolved = std::filesystem::path(file).parent_path() / resolved;
  // Errors about the file, or about a value read from it, name the YAML key that asked for it.
  const std::string origin = resolved.string() + " (read for " + section + ".config_json at " + referenced_at.to_string() + ")";
  std::string text;
  workloads::HfFields fields;
  try {
    text = read_text_file(resolved.string(), "config.json");
    fields = workloads::hf_model_fields(parse_json(text, resolved.string()));
  } catch (const workloads::HfConfigError& e) {
    fail_at(Location{origin}, "", e.what());
  } catch (const UserError& e) {
    throw UserError(std::string(e.what()) + " (read for " + section + ".config_json at " + referenced_at.to_string() + ")");
  }
  clear_under(section);
  for (const auto& [key, value] : fields) out_.leaves[section + "." + key] = Setting{YAML::Node(value), Location{origin}};
  // The file's content, not its path, identifies the model: the same file by two paths gives the
  // same report, and no machine path lands in report.json.
  out_.leaves[section + ".config_json"] = Setting{YAML::Node("fnv1a64:" + config_hash_of(text)), referenced_at};
}

void Flattener::clear_under(const std::string& path) {
  const std::string prefix = path + ".";
  for (auto it = out_.leaves.begin(); it != out_.leaves.end();)
    it = it->first.compare(0, prefix.size(), prefix) == 0 ? out_.leaves.erase(it) : std::next(it);
  for (auto it = out_.sections.begin(); it != out_.sections.end();)
    it = it->first.compare(0, prefix.size(), prefix) == 0 ? out_.sections.erase(it) : std::next(it);
}

void Flattener::check_known(const std::string& parent, const std::string& key, const Location& where) {
  const std::string child = join(parent, key);
  if (find_row(child) || is_section(child)) return;
  fail_at(where, child, "unknown key; " + suggest(key, child_keys(parent)));
}

void Flattener::replace_section(const std::string& section, const std::string& arg) {
  const Location where{"--" + section};
  std::error_code ec;
  if (section == "workload" && arg.size() > 5 && arg.compare(arg.size() - 5, 5, ".json") == 0) {
    apply_config_json(arg, "workload.model", "--workload", where);
    return;
  }
  if (std::filesystem::is_directory(arg, ec))
    fail_at(Location{arg}, "", "is a folder; --" + section + " takes a preset name or a YAML file (pjsim list)");
  if (!std::filesystem::is_regular_file(arg, ec) && !looks_like_path(arg)) {
    apply_base(arg, section, where);
    return;
  }
  const YAML::Node root = parse_yaml(read_text_file(arg, section), arg);
  if (!root.IsMap() || root.size() != 1 || !root[section])
    fail_at(location_of(arg, root.Mark()), "", "expected a single top-level key '" + section + ":'");
  clear_under(section);
  add_section(root[section], section, arg);
}

void Flattener::add_set(const std::string& assignment, const Location& where) {
  const auto eq = assignment.find('=');
  const std::string path = eq == std::string::npos ? "" : trim(assignment.substr(0, eq));
  if (assignment.size() > kMaxSetBytes)
    fail_at(where, path.size() <= 200 ? path : "", "argument is " + bytes_text(static_cast<double>(assignment.size())) +
                                                     "; --set arguments are limited to " + limit_text(kMaxSetBytes));
  if (path.empty()) fail_at(where, "", "expected key.path=value, got '" + assignment + "'");
  std::string parent;
  for (std::size_t start = 0; start <= path.size();) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    const std::string segment = path.substr(start, dot - start);
    if (segment.empty()) fail_at(where, path, "a key path has no empty part: expected key.path=value, e.g. workload.batch=8");
    check_known(parent, segment, where);
    parent = join(parent, segment);
    start = dot + 1;
  }
  const YAML::Node value = parse_yaml(assignment.substr(eq + 1), "--set");
  in_set_ = true;
  set_where_ = where;
  if (is_section(path))
    add_section(value, path, "--set");
  else
    out_.leaves[path] = Setting{value, where};
  in_set_ = false;
}

}  // namespace pjsim::sim
