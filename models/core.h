// One core: a matrix unit, a vector unit, a local SRAM and a DMA engine, driven by two threads.
//
//            HBM (chip) <──── dma ──────> sram <───┐
//                              │ tiles     ^       │ operands, outputs
//                              v           │       │
//                       [ready tiles] ──> compute thread ──> matrix unit, vector unit
//                              ^                   │
//                              └── free buffers <──┘            NoC (chip) <── all-gather
//
// dma_thread walks the program and loads each tile that needs inputs into one of `buffers` SRAM
// buffers, as soon as a buffer is free: weights of the next tiles (and the next ops) load while
// the current tile computes, so a step costs max(compute, memory) plus what cannot overlap.
// A tile whose inputs are activations spilled to HBM waits until the previous op has finished.
// compute_thread takes tiles in order; for each, it reserves the SRAM port, the matrix unit and
// the vector unit together and waits for the latest, frees the buffer, and stores outputs that
// live in HBM. After an op, it sends its output shard to the other cores and waits at the chip's
// barrier, so that every core starts the next op with the full activations. At a collective,
// core 0 takes part for the chip (models/interconnect.h) while the other cores wait at the barrier.
//
// A core is elaborated once and may run several programs one after another (a serving replay
// runs one step per program, sim/serve): start() hands it a program and spawns the two threads
// for it; finished() says when both are done. Resources keep their calendars between programs.
#pragma once

#include <memory>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "models/barrier.h"
#include "models/compute_units.h"
#include "models/dma.h"
#include "models/interconnect.h"
#include "models/memory.h"
#include "models/program.h"

namespace pjsim::models {

class Core : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(Core);

  tlm_utils::simple_initiator_socket<Core> matrix_socket;
  tlm_utils::simple_initiator_socket<Core> vector_socket;
  tlm_utils::simple_initiator_socket<Core> sram_socket;
  tlm_utils::simple_initiator_socket<Core> noc_socket;

  MatrixUnit matrix;
  VectorUnit vector;
  Memory sram;
  Dma dma;

  /// interconnect: the chip mesh's links, for collectives (nullptr for a lone chip).
  Core(sc_core::sc_module_name name, const ArchParams& arch, int chip, int index, Barrier& barrier,
       Interconnect* interconnect, Ledger& ledger, SimStats& stats);

  /// Runs `program` from now on: spawns its DMA and compute threads. The previous program must
  /// be finished (or none started).
  void start(CoreProgram program);
  bool finished() const { return finished_; }

 private:
  void dma_thread();
  void compute_thread();
  void compute_tile(const Tile& tile, const Tag& tag, workloads::DataClass operand_class);
  void gather(const CoreOp& op, const Tag& tag);
  void store_kv(std::uint64_t bits, const Tag& tag, bool in_sram);
  Tag tag_of(const CoreOp& op) const;
  /// Op i's tiles, cut by whichever thread reaches the op first; the compute thread drops them
  /// when the op is done.
  std::shared_ptr<const std::vector<Tile>> tiles_for(std::size_t i);
  void wait_for(const sc_core::sc_time& t);
  /// Core 0 charges the time since the chip's previous op ended to `tag`'s (layer, op).
  void record_op_time(const Tag& tag);

  const ArchParams& arch_;
  int chip_, index_;
  CoreProgram program_;
  std::vector<std::shared_ptr<const std::vector<Tile>>> tiles_;  ///< by op, while in flight
  Barrier& barrier_;
  Interconnect* interconnect_;
  SimStats& stats_;
  sc_core::sc_semaphore free_buffers_;
  sc_core::sc_semaphore ready_tiles_;
  std::size_t ops_done_ = 0;
  sc_core::sc_event op_done_event_;
  bool finished_ = true;
  sc_core::sc_time last_op_end_ = sc_core::SC_ZERO_TIME;
};

}  // namespace pjsim::models
