// The kinds of chip mesh (2D/3D, mesh or torus) by name, and a topology's shape: its kind and the
// size of each axis. topologies/chip_mesh.h builds the links and routes of one.
//
// Example: parse_topology_kind("torus3d") == TopologyKind::torus3d; axes_of(TopologyKind::mesh2d) == 2;
//          TopologySpec{TopologyKind::torus3d, {4, 4, 4}} is a 64-chip TPU-v4-like cube.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pjsim::topologies {

enum class TopologyKind { mesh2d, torus2d, mesh3d, torus3d };

/// "mesh2d", "torus2d", "mesh3d", "torus3d" -> the kind; anything else -> nullopt.
std::optional<TopologyKind> parse_topology_kind(const std::string& name);
/// The inverse of parse_topology_kind: to_string(TopologyKind::torus3d) == "torus3d".
std::string to_string(TopologyKind kind);
/// The names parse_topology_kind accepts, in declaration order (for "valid names are ..." errors).
std::vector<std::string> topology_kind_names();

/// Kind and size of each axis: 2 dims for *2d, 3 for *3d, each >= 1.
/// Example: {TopologyKind::mesh2d, {8, 8}} is 64 chips on an 8 x 8 mesh.
struct TopologySpec {
  TopologyKind kind = TopologyKind::mesh2d;
  std::vector<std::uint64_t> dims{1, 1};
};

/// Axes of a kind (2 or 3) and whether its axes wrap around (a torus).
std::size_t axes_of(TopologyKind kind);
bool kind_wraps(TopologyKind kind);

}  // namespace pjsim::topologies
