#include "sim/config/presets.h"

#include <algorithm>
#include <map>

#include <yaml-cpp/yaml.h>

namespace pjsim::workloads {
const std::map<std::string, std::string>& embedded_presets();
}
namespace pjsim::models {
const std::map<std::string, std::string>& embedded_presets();
}
namespace pjsim::sim {
const std::map<std::string, std::string>& embedded_presets();
}

namespace pjsim::sim {

namespace {

// Each folder holds the kinds it owns, so a name is looked up only where that kind lives.
const std::map<std::string, std::string>& folder_of(const std::string& kind) {
  if (kind == "arch" || kind == "technology") return models::embedded_presets();
  if (kind == "model" || kind == "workload") return workloads::embedded_presets();
  return sim::embedded_presets();
}

// Top-level `description:` and `source:` are tolerated beside the section (some presets put
// them there); any other second key makes the text no preset.
std::string kind_of(const YAML::Node& root) {
  if (!root.IsMap()) return "";
  if (root["arch"] && root["workload"]) return "point";
  std::string kind;
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    if (key == "description" || key == "source") continue;
    if (!kind.empty()) return "";
    kind = key;
  }
  for (const char* k : {"arch", "technology", "model", "workload"})
    if (kind == k) return kind;
  return "";
}

std::string description_of(const YAML::Node& root, const std::string& kind) {
  for (const YAML::Node& holder : {kind == "point" ? root : root[kind], root})
    if (holder.IsMap() && holder["description"] && holder["description"].IsScalar())
      return holder["description"].Scalar();
  return "";
}

}  // namespace

std::string preset_kind_of(const std::string& yaml_text) {
  try {
    return kind_of(YAML::Load(yaml_text));
  } catch (const YAML::Exception&) {
    return "";
  }
}

std::vector<PresetInfo> list_presets() {
  std::vector<PresetInfo> out;
  for (const auto* folder : {&sim::embedded_presets(), &models::embedded_presets(), &workloads::embedded_presets()})
    for (const auto& [name, text] : *folder) {
      PresetInfo info{"invalid", name, ""};
      try {
        const YAML::Node root = YAML::Load(text);
        const std::string kind = kind_of(root);
        if (kind.empty())
          info.description = "top-level key is none of arch, technology, model, workload";
        else
          info = {kind, name, description_of(root, kind)};
      } catch (const YAML::Exception& e) {
        info.description = "malformed YAML: " + e.msg;
      }
      out.push_back(info);
    }
  std::sort(out.begin(), out.end(), [](const PresetInfo& a, const PresetInfo& b) {
    return a.kind != b.kind ? a.kind < b.kind : a.name < b.name;
  });
  return out;
}

std::optional<std::string> preset_text(const std::string& kind, const std::string& name) {
  const auto& folder = folder_of(kind);
  const auto it = folder.find(name);
  if (it == folder.end() || preset_kind_of(it->second) != kind) return std::nullopt;
  return it->second;
}

std::vector<std::string> preset_names(const std::string& kind) {
  std::vector<std::string> names;
  for (const auto& [name, text] : folder_of(kind))
    if (preset_kind_of(text) == kind) names.push_back(name);
  return names;  // std::map iteration is already sorted
}

}  // namespace pjsim::sim
