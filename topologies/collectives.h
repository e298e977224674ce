// Collective schedules over a ChipMesh: synchronous steps of point-to-point transfers.
//
// A Schedule is a list of steps; all transfers of a step run concurrently, and step i+1 starts
// when step i is done. A transfer goes from src to dst along ChipMesh::route(src, dst). One
// schedule covers every group of the mesh over the given axes at once (e.g. all 16 x-lines of a
// 4x4x4 torus), so the simulator sees the real link contention.
//
// Ring per axis (one axis of size k, p = k): reduce-scatter in k-1 steps, then all-gather in
// k-1 steps; every transfer carries one chunk of bytes/k (integer chunks that add up to `bytes`
// exactly: chunk j = floor(bytes (j+1) / k) - floor(bytes j / k)).
//
//   Ring order on a torus axis (k = 4): every ring hop is 1 link, the last one the wrap link.
//       0 --> 1 --> 2 --> 3
//       ^                 |
//       +------ wrap -----+
//   Torus axes with k >= 3 run it bidirectionally: the buffer is split in halves, one ring per
//   direction, in the same steps (half the bytes per transfer, both directions of every link busy).
//
//   Folded ring on a mesh axis (k = 6): order 0, 2, 4, 5, 3, 1 (evens up, odds down), so every
//   ring neighbour is at most 2 hops away and no wrap link is needed. This is how rings are laid
//   on mesh slices; it is unidirectional and pays about 2x the bit-hops of a torus ring.
//       x:   0    1    2    3    4    5
//            0 ------> 2 ------> 4 -> 5      out:  0->2, 2->4, 4->5  (2, 2, 1 hops)
//            0 <- 1 <------ 3 <------ 5      back: 5->3, 3->1, 1->0  (2, 2, 1 hops)
//
//   Reduce-scatter step s (0 <= s < k-1): ring position i sends chunk (i - s) mod k to i+1, which
//   adds it to its own; after k-1 steps position i holds the reduced chunk (i + 1) mod k.
//   All-gather step s: position i sends chunk (i + 1 - s) mod k to i+1.
//
// Multi-axis (axes {a, b, ...}, p = k_a x k_b x ...): hierarchical. Reduce-scatter along a, then
// along b on the 1/k_a shard, ...; all-gather in reverse order (..., b, a). Closed forms with
// bytes divisible by p:
//   all-reduce:     bytes sent per chip 2 (p-1)/p x bytes, steps 2 sum (k - 1)
//   reduce-scatter: (p-1)/p x bytes,                       steps sum (k - 1)
//   all-gather:     (p-1)/p x bytes,                       steps sum (k - 1)
//   bit-hops: on a torus every ring transfer is 1 hop, so bit-hops = 8 x bytes sent (all chips).
//   On a mesh folded ring the k transfers of a ring step cross 2 (k - 1) links (every ring
//   neighbour is 2 hops away but the turn at the far end and the closing 1 -> 0, 1 hop each), so
//   an axis costs 2 (k - 1) / k times the torus bit-hops (1.75x for k = 8).
// reduce_scatter(axes) followed by all_gather(axes) is exactly all_reduce(axes).
//
// All-to-all (p chips per group, in group() order g_0 .. g_{p-1}): p-1 steps; in step s
// (1 <= s < p) g_i sends slice (i + s) mod p of its buffer (bytes/p) directly to g_{(i+s) mod p}.
// Bytes sent per chip (p-1)/p x bytes.
//
// Send/recv (pipeline): one step; every chip at stage `from_stage` along `axis` sends `bytes` to
// the chip with the same other coordinates at stage from_stage + 1.
//
// Example: 4x4x4 torus, all_reduce(m, {0, 1, 2}, 64 MiB): 18 steps, each chip sends
// 2 x 63/64 x 64 MiB = 126 MiB, every transfer is 1 hop, bit_hops = 64 x 126 MiB x 8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "topologies/chip_mesh.h"

namespace pjsim::topologies {

/// `bytes` from src to dst along ChipMesh::route(src, dst).
struct Transfer {
  std::uint64_t src = 0, dst = 0;
  std::uint64_t bytes = 0;
};

/// All transfers of a step run concurrently; step i+1 starts when step i is done.
struct CollectiveStep {
  std::vector<Transfer> transfers;
  bool reduces = false;  ///< the receivers add what they receive to their own (reduce-scatter steps)
};

enum class CollectiveKind { all_reduce, reduce_scatter, all_gather, all_to_all, send_recv };
/// "all_reduce", "reduce_scatter", "all_gather", "all_to_all", "send_recv".
std::string to_string(CollectiveKind kind);

struct Schedule {
  CollectiveKind kind = CollectiveKind::all_reduce;
  std::vector<CollectiveStep> steps;
};

/// `bytes` is the size of the buffer each chip holds (all-reduce: the vector to reduce;
/// all-gather: the gathered result; reduce-scatter: the input; all-to-all: each chip's whole
/// send buffer, a 1/p slice per peer). All groups over `axes` run at once (one schedule covers
/// every group of the mesh). Axes of size 1 add no step; zero-byte transfers are left out.
/// Throws std::invalid_argument on a repeated axis or an axis >= mesh.axes().
/// Example: 4 x 4 torus, all_reduce(m, {0}, 4096): 6 steps of 32 transfers (16 chips, one per
/// ring direction, 2048 / 4 = 512 bytes each); each chip sends 2 x 3/4 x 4096 = 6144 bytes.
Schedule all_reduce(const ChipMesh& mesh, const std::vector<std::size_t>& axes,
                    std::uint64_t bytes);
Schedule reduce_scatter(const ChipMesh& mesh, const std::vector<std::size_t>& axes,
                        std::uint64_t bytes);
Schedule all_gather(const ChipMesh& mesh, const std::vector<std::size_t>& axes,
                    std::uint64_t bytes);
/// Example: 4 x 4 mesh, all_to_all(m, {0, 1}, 1600): 15 steps of 16 transfers of 100 bytes.
Schedule all_to_all(const ChipMesh& mesh, const std::vector<std::size_t>& axes,
                    std::uint64_t bytes);

/// The same with the bytes of every (source rank i, destination rank j) pair of a group given:
/// matrix[i * p + j] (p x p, group() order; the diagonal stays on the chip). Every group sends the
/// same matrix. MoE dispatch and combine send the tokens routed to each chip's experts.
/// Throws std::invalid_argument when matrix.size() != p x p.
Schedule all_to_all(const ChipMesh& mesh, const std::vector<std::size_t>& axes,
                    const std::vector<std::uint64_t>& matrix);

/// Pipeline: every chip of stage `from_stage` sends `bytes` to the chip with the same other
/// coordinates at stage from_stage + 1 along `axis`. One step.
/// Example: 4 x 4 mesh, send_recv(m, 1, 100, 2): chips 8..11 send 100 bytes to chips 12..15.
/// Throws std::invalid_argument when axis >= mesh.axes() or from_stage + 1 >= mesh.dim(axis).
Schedule send_recv(const ChipMesh& mesh, std::size_t axis, std::uint64_t bytes,
                   std::uint64_t from_stage);
/// The same from stage `from_stage` to any other stage `to_stage` (a token sent from the last
/// pipeline stage back to the first: 1 hop over a torus's wrap link, k - 1 hops on a mesh).
/// Throws std::invalid_argument when either stage is outside the axis or they are equal.
Schedule send_recv(const ChipMesh& mesh, std::size_t axis, std::uint64_t bytes,
                   std::uint64_t from_stage, std::uint64_t to_stage);

/// Sum of the bytes of every transfer whose src is `chip`.
std::uint64_t bytes_sent_by(const Schedule& schedule, std::uint64_t chip);
/// Sum over transfers of bytes x 8 x mesh.hops(src, dst) (the bits each link crossing carries).
std::uint64_t bit_hops(const Schedule& schedule, const ChipMesh& mesh);

}  // namespace pjsim::topologies
