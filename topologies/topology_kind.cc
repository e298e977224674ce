#include "topologies/topology_kind.h"

#include <array>
#include <stdexcept>

namespace pjsim::topologies {
namespace {

struct KindName {
  TopologyKind kind;
  const char* name;
  std::size_t axes;
  bool wraps;
};

constexpr std::array<KindName, 4> kind_names{{
    {TopologyKind::mesh2d, "mesh2d", 2, false},
    {TopologyKind::torus2d, "torus2d", 2, true},
    {TopologyKind::mesh3d, "mesh3d", 3, false},
    {TopologyKind::torus3d, "torus3d", 3, true},
}};

const KindName& info(TopologyKind kind) {
  for (const KindName& k : kind_names) {
    if (k.kind == kind) return k;
  }
  throw std::invalid_argument("unknown topology kind");
}

}  // namespace

std::optional<TopologyKind> parse_topology_kind(const std::string& name) {
  for (const KindName& k : kind_names) {
    if (name == k.name) return k.kind;
  }
  return std::nullopt;
}

std::string to_string(TopologyKind kind) { return info(kind).name; }

std::vector<std::string> topology_kind_names() {
  std::vector<std::string> names;
  for (const KindName& k : kind_names) names.emplace_back(k.name);
  return names;
}

std::size_t axes_of(TopologyKind kind) { return info(kind).axes; }
bool kind_wraps(TopologyKind kind) { return info(kind).wraps; }

}  // namespace pjsim::topologies
