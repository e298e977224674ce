#include "topologies/collective_algorithms.h"

#include <algorithm>
#include <map>

namespace pjsim::topologies {

namespace {

std::uint64_t part(std::uint64_t bytes, std::uint64_t parts, std::uint64_t j) {
  return bytes / parts + (j < bytes % parts ? 1 : 0);
}

// The axes of size > 1, in the given order.
std::vector<std::size_t> busy_axes(const ChipMesh& mesh, const std::vector<std::size_t>& axes) {
  mesh.group(0, axes);  // validates them
  std::vector<std::size_t> out;
  for (std::size_t a : axes)
    if (mesh.dim(a) > 1) out.push_back(a);
  return out;
}

template <typename Ring>
Schedule concurrently(const ChipMesh& mesh, const std::vector<std::size_t>& axes, std::uint64_t bytes, Ring ring) {
  const std::vector<std::size_t> used = busy_axes(mesh, axes);
  if (used.size() < 2) return ring(mesh, axes, bytes);
  Schedule out;
  for (std::size_t i = 0; i < used.size(); ++i) {
    std::vector<std::size_t> rotated;
    for (std::size_t j = 0; j < used.size(); ++j) rotated.push_back(used[(i + j) % used.size()]);
    Schedule s = ring(mesh, rotated, part(bytes, used.size(), i));
    out.kind = s.kind;
    if (out.steps.size() < s.steps.size()) out.steps.resize(s.steps.size());
    for (std::size_t t = 0; t < s.steps.size(); ++t) {
      auto& into = out.steps[t].transfers;
      into.insert(into.end(), s.steps[t].transfers.begin(), s.steps[t].transfers.end());
      out.steps[t].reduces = out.steps[t].reduces || s.steps[t].reduces;
    }
  }
  return out;
}

Schedule one_shot(const ChipMesh& mesh, const std::vector<std::size_t>& axes, std::uint64_t bytes, bool gather) {
  const auto groups = mesh.groups(axes);
  Schedule out{gather ? CollectiveKind::all_gather : CollectiveKind::all_reduce, {CollectiveStep{}}};
  out.steps.front().reduces = !gather;
  for (const auto& g : groups) {
    const std::uint64_t p = g.size();
    for (std::uint64_t i = 0; i < p; ++i) {
      const std::uint64_t b = gather ? part(bytes, p, i) : bytes;
      if (b == 0) continue;
      for (std::uint64_t j = 0; j < p; ++j)
        if (j != i) out.steps.front().transfers.push_back({g[i], g[j], b});
    }
  }
  // Shortest routes first: a link serves messages in the order they are issued, so a long route's
  // later hop does not hold back the one-hop messages that could use the link before it arrives.
  auto& t = out.steps.front().transfers;
  std::stable_sort(t.begin(), t.end(), [&](const Transfer& a, const Transfer& b) {
    return mesh.hops(a.src, a.dst) < mesh.hops(b.src, b.dst);
  });
  if (t.empty()) out.steps.clear();
  return out;
}

}  // namespace

std::string to_string(Algorithm a) {
  switch (a) {
    case Algorithm::automatic: return "auto";
    case Algorithm::ring: return "ring";
    case Algorithm::one_shot: return "one_shot";
  }
  return "?";
}

Schedule all_reduce(const ChipMesh& mesh, const std::vector<std::size_t>& axes, std::uint64_t bytes, AxisSchedule order) {
  if (order == AxisSchedule::sequential) return all_reduce(mesh, axes, bytes);
  return concurrently(mesh, axes, bytes, [](const ChipMesh& m, const std::vector<std::size_t>& a, std::uint64_t b) {
    return all_reduce(m, a, b);
  });
}

Schedule reduce_scatter(const ChipMesh& mesh, const std::vector<std::size_t>& axes, std::uint64_t bytes,
                        AxisSchedule order) {
  if (order == AxisSchedule::sequential) return reduce_scatter(mesh, axes, bytes);
  return concurrently(mesh, axes, bytes, [](const ChipMesh& m, const std::vector<std::size_t>& a, std::uint64_t b) {
    return reduce_scatter(m, a, b);
  });
}

Schedule all_gather(const ChipMesh& mesh, const std::vector<std::size_t>& axes, std::uint64_t bytes, AxisSchedule order) {
  if (order == AxisSchedule::sequential) return all_gather(mesh, axes, bytes);
  return concurrently(mesh, axes, bytes, [](const ChipMesh& m, const std::vector<std::size_t>& a, std::uint64_t b) {
    return all_gather(m, a, b);
  });
}

Schedule one_shot_all_reduce(const ChipMesh& mesh, const std::vector<std::size_t>& axes, std::uint64_t bytes) {
  return one_shot(mesh, axes, bytes, false);
}

Schedule one_shot_all_gather(const ChipMesh& mesh, const std::vector<std::size_t>& axes, std::uint64_t bytes) {
  return one_shot(mesh, axes, bytes, true);
}

double estimated_seconds(const Schedule& s, const ChipMesh& mesh, const LinkModel& link) {
  double total = 0;
  std::vector<double> free_at(mesh.links().size());
  for (const CollectiveStep& step : s.steps) {
    std::fill(free_at.begin(), free_at.end(), 0.0);
    double step_end = 0;
    for (const Transfer& t : step.transfers) {
      const double occupancy = static_cast<double>(t.bytes) / link.bandwidth_bytes_per_s;
      double head = 0, done = 0;
      for (const auto& l : mesh.route(t.src, t.dst)) {
        double& free = free_at[mesh.link_index(l.first, l.second)];
        const double start = std::max(head, free);
        free = start + occupancy;
        done = free + link.hop_latency_s;
        head = done - occupancy;
      }
      step_end = std::max(step_end, done);
    }
    total += step_end;
  }
  return total;
}

}  // namespace pjsim::topologies
