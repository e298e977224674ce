// The inter-chip links (ICI) and the engine that runs collectives over them.
//
// Every directed link of the chip mesh (topologies/chip_mesh.h) is a contended resource
// (models/link_network.h: bandwidth per direction, latency per hop). A collective is a schedule
// of synchronous steps of point-to-point transfers (topologies/collectives.h and
// collective_algorithms.h). Each chip taking part calls collective() from its core 0 when it
// reaches the collective in its program; the last to arrive runs the schedule step by step (a step
// ends when its slowest transfer has been written and, for a reduction, added at its receiver) and
// releases the others. Transfers of all groups of the mesh run in the same steps, so groups that
// share links contend for them.
//
//   chip A core0 ──collective(id 7)──┐            ┌── step 1: A->B, B->C, ... (links reserved)
//   chip B core0 ──collective(id 7)──┼─ last ───> ├── step 2: ...
//   chip C core0 ──collective(id 7)──┘  arrival   └── release all
//
// Algorithm (LinkParams): all-reduce and all-gather run as rings (over several axes concurrently
// or one axis after another) or one-shot; `auto` takes the least estimated time
// (topologies::estimated_seconds) and the choice is counted per collective kind.
//
// A point-to-point send between pipeline stages (send_recv) does not wait for its receivers: the
// senders arrive, the last of them starts the transfer in its own process and every sender goes
// on; the receivers wait until the data has arrived (their wait is pipeline idle time).
//
// Receiving: each transfer is written into the receiving chip's core 0 SRAM through its port
// (time and sram_write_bits) once it has crossed the links; in a reduction step the receiver then
// adds it to its own copy on core 0's vector unit (one vector op per element: time and energy).
// Energy: bits x hops as ici_bit_hops at the sending chip; the bits read from the sender's SRAM
// are counted (their port time is not modelled).
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <systemc>

#include "models/arch_params.h"
#include "models/command.h"
#include "models/link_network.h"
#include "topologies/chip_mesh.h"
#include "topologies/collective_algorithms.h"
#include "workloads/mapping.h"

namespace pjsim::models {

class Core;

/// What the collectives of one kind did in a run.
struct CollectiveKindStats {
  std::uint64_t count = 0;
  std::uint64_t bits = 0;    ///< bits sent (each transfer once, whatever its hops)
  double seconds = 0;        ///< simulated time from start to end, summed over collectives
  std::map<std::string, std::uint64_t> algorithms;  ///< "ring", "one_shot", "direct" -> collectives
};

class Interconnect : public sc_core::sc_module {
 public:
  Interconnect(sc_core::sc_module_name name, const topologies::ChipMesh& mesh, const LinkParams& links, Ledger& ledger,
               SimStats& stats);

  /// The core of each chip (by chip index) whose SRAM and vector unit receive and reduce.
  void attach(std::vector<Core*> receivers) { receivers_ = std::move(receivers); }

  /// Before the chips start a program: each chip's pipeline stage (who takes part in which
  /// collective). Collective ids count from 0 again.
  void start(std::vector<std::uint64_t> stage_of_chip);

  /// Called by core 0 of `chip`; returns when the collective is complete.
  void collective(const workloads::CollectiveCall& call, std::uint64_t chip);

  const topologies::ChipMesh& mesh() const { return mesh_; }
  const LinkNetwork& links() const { return links_; }
  LinkNetwork& links() { return links_; }
  /// Simulated seconds during which at least one collective was moving data.
  double collective_seconds() const { return collective_seconds_; }
  std::uint64_t collectives_run() const { return collectives_run_; }
  /// Simulated seconds chips spent waiting to receive pipeline sends, summed over chips.
  double pipeline_wait_seconds() const { return pipeline_wait_seconds_; }
  /// By kind ("all_reduce", "all_gather", "all_to_all", "send_recv").
  const std::map<std::string, CollectiveKindStats>& by_kind() const { return by_kind_; }

 private:
  struct Pending {
    std::uint64_t arrived = 0;
    bool finished = false;
    sc_core::sc_event done;
  };
  struct Planned {
    topologies::Schedule schedule;
    std::string algorithm;
  };
  using ScheduleKey =
      std::tuple<int, std::vector<std::size_t>, std::uint64_t, std::uint64_t, std::uint64_t, std::vector<std::uint64_t>>;

  std::uint64_t participants(const workloads::CollectiveCall& call) const;
  const Planned& schedule_for(const workloads::CollectiveCall& call);
  topologies::Schedule ring_or_one_shot(const workloads::CollectiveCall& call, std::string& algorithm) const;
  void run(const workloads::CollectiveCall& call);
  /// Runs `call` and releases the chips waiting for it.
  void run_and_release(workloads::CollectiveCall call);
  void wait_done(Pending& p);
  /// Writes a transfer that crossed the links by `arrival` into its receiver (and adds it); the
  /// absolute time it is done.
  sc_core::sc_time receive(const topologies::Transfer& t, bool reduces, std::uint64_t element_bits, Tag tag,
                           const sc_core::sc_time& arrival);

  const topologies::ChipMesh& mesh_;
  LinkParams params_;
  LinkNetwork links_;
  std::vector<Core*> receivers_;
  std::vector<std::uint64_t> stage_of_chip_;
  std::map<std::uint64_t, std::uint64_t> chips_in_stage_;
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> route_cache_;  // by src * chips + dst
  Ledger& ledger_;
  SimStats& stats_;
  std::map<std::uint64_t, Pending> pending_;
  std::map<ScheduleKey, Planned> schedules_;
  std::map<std::string, CollectiveKindStats> by_kind_;
  double collective_seconds_ = 0;
  std::uint64_t collectives_run_ = 0;
  double pipeline_wait_seconds_ = 0;
};

}  // namespace pjsim::models
