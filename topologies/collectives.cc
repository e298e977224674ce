#include "topologies/collectives.h"

#include <algorithm>
#include <stdexcept>

namespace pjsim::topologies {
namespace {

// Chunk j of `bytes` cut into `parts` integer chunks that add up to `bytes` exactly (the first
// bytes % parts chunks carry one byte more).
std::uint64_t chunk(std::uint64_t bytes, std::uint64_t parts, std::uint64_t j) {
  return bytes / parts + (j < bytes % parts ? 1 : 0);
}

// One ring: members in ring order (member i sends to member i+1, the last to the first), running
// a collective over a buffer of `bytes`.
struct Ring {
  std::vector<std::uint64_t> members;
  std::uint64_t bytes = 0;
};

// All rings of one axis: one (mesh, or a torus axis of size <= 2) or two (bidirectional torus)
// per line along the axis.
struct Phase {
  std::vector<Ring> rings;
  std::uint64_t k = 1;
};

// Ring order of the coordinates of one axis: 0..k-1 on a torus (closed by the wrap link); the
// folded ring 0, 2, 4, ..., 5, 3, 1 on a mesh (no wrap link, every neighbour within 2 hops).
std::vector<std::uint64_t> ring_positions(std::uint64_t k, bool torus) {
  std::vector<std::uint64_t> order;
  for (std::uint64_t x = 0; x < k; x += torus ? 1 : 2) order.push_back(x);
  if (torus) return order;
  for (std::uint64_t x = (k % 2 == 0 ? k - 1 : k - 2); x < k; x -= 2) order.push_back(x);
  return order;
}

// Plans the reduce-scatter phases of a hierarchical collective over `axes` on a buffer of
// `bytes` per chip: one phase per axis of size > 1, each working on the shard the previous phase
// left (so a line's members always hold equal shards: they differ only on axes not yet done).
std::vector<Phase> plan(const ChipMesh& mesh, const std::vector<std::size_t>& axes,
                        std::uint64_t bytes) {
  mesh.group(0, axes);  // validates the axes
  std::vector<std::uint64_t> shard(mesh.chips(), bytes);
  std::vector<Phase> phases;
  for (std::size_t axis : axes) {
    const std::uint64_t k = mesh.dim(axis);
    if (k == 1) continue;
    const bool bidirectional = mesh.wraps() && k >= 3;
    const std::vector<std::uint64_t> positions = ring_positions(k, mesh.wraps());
    Phase phase;
    phase.k = k;
    for (const auto& line : mesh.groups({axis})) {
      Ring ring;
      for (std::uint64_t x : positions) ring.members.push_back(line[x]);
      ring.bytes = shard[line.front()];
      if (bidirectional) {
        Ring back{{ring.members.rbegin(), ring.members.rend()}, ring.bytes - ring.bytes / 2};
        ring.bytes /= 2;
        phase.rings.push_back(std::move(back));
      }
      phase.rings.push_back(std::move(ring));
    }
    // After a ring reduce-scatter, ring position i holds the reduced chunk (i + 1) mod k.
    for (const Ring& r : phase.rings) {
      for (std::uint64_t i = 0; i < k; ++i) shard[r.members[i]] = 0;
    }
    for (const Ring& r : phase.rings) {
      for (std::uint64_t i = 0; i < k; ++i) shard[r.members[i]] += chunk(r.bytes, k, (i + 1) % k);
    }
    phases.push_back(std::move(phase));
  }
  return phases;
}

// Appends the k-1 steps of a phase. Step s: ring position i sends chunk (i + offset - s) mod k
// to position i + 1 (offset 0: reduce-scatter; offset 1: all-gather).
void emit(const Phase& phase, std::uint64_t offset, std::vector<CollectiveStep>& steps) {
  const std::uint64_t k = phase.k;
  for (std::uint64_t s = 0; s + 1 < k; ++s) {
    CollectiveStep step;
    step.reduces = offset == 0;
    for (const Ring& r : phase.rings) {
      for (std::uint64_t i = 0; i < k; ++i) {
        const std::uint64_t bytes = chunk(r.bytes, k, (i + offset + k - s) % k);
        if (bytes > 0) step.transfers.push_back({r.members[i], r.members[(i + 1) % k], bytes});
      }
    }
    steps.push_back(std::move(step));
  }
}

}  // namespace

std::string to_string(CollectiveKind kind) {
  switch (kind) {
    case CollectiveKind::all_reduce: return "all_reduce";
    case CollectiveKind::reduce_scatter: return "reduce_scatter";
    case CollectiveKind::all_gather: return "all_gather";
    case CollectiveKind::all_to_all: return "all_to_all";
    case CollectiveKind::send_recv: return "send_recv";
  }
  throw std::invalid_argument("unknown collective kind");
}

Schedule all_reduce(const ChipMesh& mesh, const std::vector<std::size_t>& axes,
                    std::uint64_t bytes) {
  const std::vector<Phase> phases = plan(mesh, axes, bytes);
  Schedule out{CollectiveKind::all_reduce, {}};
  for (const Phase& p : phases) emit(p, 0, out.steps);
  for (auto p = phases.rbegin(); p != phases.rend(); ++p) emit(*p, 1, out.steps);
  return out;
}

Schedule reduce_scatter(const ChipMesh& mesh, const std::vector<std::size_t>& axes,
                        std::uint64_t bytes) {
  Schedule out{CollectiveKind::reduce_scatter, {}};
  for (const Phase& p : plan(mesh, axes, bytes)) emit(p, 0, out.steps);
  return out;
}

Schedule all_gather(const ChipMesh& mesh, const std::vector<std::size_t>& axes,
                    std::uint64_t bytes) {
  // The mirror of reduce_scatter: shards laid out as reduce_scatter(axes, bytes) leaves them.
  const std::vector<Phase> phases = plan(mesh, axes, bytes);
  Schedule out{CollectiveKind::all_gather, {}};
  for (auto p = phases.rbegin(); p != phases.rend(); ++p) emit(*p, 1, out.steps);
  return out;
}

Schedule all_to_all(const ChipMesh& mesh, const std::vector<std::size_t>& axes,
                    std::uint64_t bytes) {
  const auto groups = mesh.groups(axes);
  const std::uint64_t p = groups.front().size();
  Schedule out{CollectiveKind::all_to_all, {}};
  for (std::uint64_t s = 1; s < p; ++s) {
    CollectiveStep step;
    for (const auto& g : groups) {
      for (std::uint64_t i = 0; i < p; ++i) {
        const std::uint64_t to = (i + s) % p, slice = chunk(bytes, p, to);
        if (slice > 0) step.transfers.push_back({g[i], g[to], slice});
      }
    }
    out.steps.push_back(std::move(step));
  }
  return out;
}

Schedule all_to_all(const ChipMesh& mesh, const std::vector<std::size_t>& axes,
                    const std::vector<std::uint64_t>& matrix) {
  const auto groups = mesh.groups(axes);
  const std::uint64_t p = groups.front().size();
  if (matrix.size() != p * p) {
    throw std::invalid_argument("all-to-all over " + std::to_string(p) + " chips needs " +
                                std::to_string(p * p) + " byte counts, got " +
                                std::to_string(matrix.size()));
  }
  Schedule out{CollectiveKind::all_to_all, {}};
  for (std::uint64_t s = 1; s < p; ++s) {
    CollectiveStep step;
    for (const auto& g : groups) {
      for (std::uint64_t i = 0; i < p; ++i) {
        const std::uint64_t to = (i + s) % p, bytes = matrix[i * p + to];
        if (bytes > 0) step.transfers.push_back({g[i], g[to], bytes});
      }
    }
    out.steps.push_back(std::move(step));
  }
  return out;
}

Schedule send_recv(const ChipMesh& mesh, std::size_t axis, std::uint64_t bytes,
                   std::uint64_t from_stage) {
  if (axis < mesh.axes() && from_stage + 1 >= mesh.dim(axis)) {
    throw std::invalid_argument("stage " + std::to_string(from_stage) +
                                " has no next stage on an axis of " +
                                std::to_string(mesh.dim(axis)));
  }
  return send_recv(mesh, axis, bytes, from_stage, from_stage + 1);
}

Schedule send_recv(const ChipMesh& mesh, std::size_t axis, std::uint64_t bytes,
                   std::uint64_t from_stage, std::uint64_t to_stage) {
  if (axis >= mesh.axes()) {
    throw std::invalid_argument("axis " + std::to_string(axis) + " not in a " +
                                std::to_string(mesh.axes()) + "-axis mesh");
  }
  if (from_stage >= mesh.dim(axis) || to_stage >= mesh.dim(axis) || from_stage == to_stage) {
    throw std::invalid_argument("no send from stage " + std::to_string(from_stage) + " to stage " +
                                std::to_string(to_stage) + " on an axis of " +
                                std::to_string(mesh.dim(axis)));
  }
  Schedule out{CollectiveKind::send_recv, {CollectiveStep{}}};
  for (std::uint64_t c = 0; c < mesh.chips(); ++c) {
    std::vector<std::uint64_t> at = mesh.coords(c);
    if (at[axis] != from_stage) continue;
    at[axis] = to_stage;
    if (bytes > 0) out.steps.front().transfers.push_back({c, mesh.chip_at(at), bytes});
  }
  return out;
}

std::uint64_t bytes_sent_by(const Schedule& schedule, std::uint64_t chip) {
  std::uint64_t total = 0;
  for (const CollectiveStep& step : schedule.steps) {
    for (const Transfer& t : step.transfers) {
      if (t.src == chip) total += t.bytes;
    }
  }
  return total;
}

std::uint64_t bit_hops(const Schedule& schedule, const ChipMesh& mesh) {
  std::uint64_t total = 0;
  for (const CollectiveStep& step : schedule.steps) {
    for (const Transfer& t : step.transfers) total += t.bytes * 8 * mesh.hops(t.src, t.dst);
  }
  return total;
}

}  // namespace pjsim::topologies
