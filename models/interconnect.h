// The inter-chip links (ICI) and the engine that runs collectives over them.
//
// Every directed link of the chip mesh (topologies/chip_mesh.h) is a contended resource
// (models/link_network.h: bandwidth per direction, latency per hop). A collective is a schedule
// of synchronous steps of point-to-point transfers (topologies/collectives.h). Each chip taking
// part calls collective() from its core 0 when it reaches the collective in its program; the last
// to arrive runs the schedule step by step (a step ends when its slowest transfer does) and
// releases the others. Transfers of all groups of the mesh run in the same steps, so groups that
// share links contend for them.
//
//   chip A core0 ──collective(id 7)──┐            ┌── step 1: A->B, B->C, ... (links reserved)
//   chip B core0 ──collective(id 7)──┼─ last ───> ├── step 2: ...
//   chip C core0 ──collective(id 7)──┘  arrival   └── release all
//
// Energy: bits x hops as ici_bit_hops at the sending chip; the bits are read from the sender's
// SRAM and written to the receiver's (counted; their port time is not modelled).
#pragma once

#include <map>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <systemc>

#include "models/arch_params.h"
#include "models/command.h"
#include "models/link_network.h"
#include "topologies/chip_mesh.h"
#include "topologies/collectives.h"
#include "workloads/mapping.h"

namespace pjsim::models {

class Interconnect : public sc_core::sc_module {
 public:
  Interconnect(sc_core::sc_module_name name, const topologies::ChipMesh& mesh, const LinkParams& links, Ledger& ledger,
               SimStats& stats);

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

 private:
  struct Pending {
    std::uint64_t arrived = 0;
    bool finished = false;
    sc_core::sc_event done;
  };
  using ScheduleKey = std::tuple<int, std::vector<std::size_t>, std::uint64_t, std::uint64_t>;

  std::uint64_t participants(const workloads::CollectiveCall& call) const;
  const topologies::Schedule& schedule_for(const workloads::CollectiveCall& call);
  void run(const workloads::CollectiveCall& call);

  const topologies::ChipMesh& mesh_;
  LinkNetwork links_;
  std::vector<std::uint64_t> stage_of_chip_;
  std::map<std::uint64_t, std::uint64_t> chips_in_stage_;
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> route_cache_;  // by src * chips + dst
  Ledger& ledger_;
  SimStats& stats_;
  std::map<std::uint64_t, Pending> pending_;
  std::map<ScheduleKey, topologies::Schedule> schedules_;
  double collective_seconds_ = 0;
  std::uint64_t collectives_run_ = 0;
};

}  // namespace pjsim::models
