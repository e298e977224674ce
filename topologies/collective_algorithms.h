// Variants of the collectives of collectives.h, and the cost model that chooses among them.
//
// Concurrent axes (the default for a collective over several axes): the buffer is cut into n
// parts, n = the axes of size > 1; part i runs the hierarchical schedule of collectives.h over the
// axes rotated by i (x y z, y z x, z x y), and step t of every part runs in the same step. At any
// step the parts work on different axes, so a chip drives the links of every axis at once (on a
// 3D torus all 6 of its links, both ring directions per axis) instead of 2 of them.
// Bytes sent per chip are those of the sequential schedule; steps are max over parts of
// 2 sum (k - 1) (all-reduce). Bandwidth term on a 4x4x4 torus, all-reduce of B over [x, y, z]:
//   sequential  per link direction 2 x 3/8 x B x (1 + 1/4 + 1/16) = 0.984 B
//   concurrent  the same for B/3 per part                          = 0.328 B   (3x less)
//
// One-shot (latency-optimal for small buffers): one step; every chip of a group sends its whole
// buffer (all-reduce) or its 1/p shard (all-gather) straight to every other member, which adds
// (all-reduce) or keeps them. Transfers are issued shortest route first. Sent per chip: (p - 1) x B (all-reduce), (p - 1)/p x B (all-gather).
//
// Cost model (estimated_seconds, documented in docs/topologies.md): each step is replayed on free
// links as the interconnect runs it (models/link_network.h): transfers in order, the head of a
// message crosses one hop per hop latency, a directed link carries one message at a time
// (bytes / bandwidth), a step ends when its last message does; a schedule costs the sum of its
// steps. `auto` picks the algorithm of least estimated time (ring on a tie). The ring pays one hop
// latency per step (2 sum (k - 1) steps), the one-shot the longest route once plus the queueing of
// p - 1 messages per chip on shared links.
#pragma once

#include <string>

#include "topologies/collectives.h"

namespace pjsim::topologies {

enum class AxisSchedule { sequential, concurrent };
enum class Algorithm { automatic, ring, one_shot };
/// "auto", "ring", "one_shot".
std::string to_string(Algorithm a);

/// The ring schedules of collectives.h with the axes run one after another (`sequential`, exactly
/// collectives.h) or concurrently on parts of the buffer (`concurrent`).
Schedule all_reduce(const ChipMesh& mesh, const std::vector<std::size_t>& axes, std::uint64_t bytes, AxisSchedule order);
Schedule reduce_scatter(const ChipMesh& mesh, const std::vector<std::size_t>& axes, std::uint64_t bytes,
                        AxisSchedule order);
Schedule all_gather(const ChipMesh& mesh, const std::vector<std::size_t>& axes, std::uint64_t bytes, AxisSchedule order);

/// One step: every member of each group over `axes` sends its buffer to every other member.
Schedule one_shot_all_reduce(const ChipMesh& mesh, const std::vector<std::size_t>& axes, std::uint64_t bytes);
/// One step: every member sends its shard (chunk i of `bytes`, the gathered size) to every other.
Schedule one_shot_all_gather(const ChipMesh& mesh, const std::vector<std::size_t>& axes, std::uint64_t bytes);

struct LinkModel {
  double bandwidth_bytes_per_s = 0;  ///< per link and direction
  double hop_latency_s = 0;
};
/// Sum over steps of the step's time replayed on free links (see above).
double estimated_seconds(const Schedule& s, const ChipMesh& mesh, const LinkModel& link);

}  // namespace pjsim::topologies
