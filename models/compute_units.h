// The two compute engines of a core, as TLM-2.0 targets that take one tile per transaction.
//
// MatrixUnit: `units` systolic arrays of R x C; a tile's GEMMs take gemm_cycles() (see
// systolic_timing.h) and count instances x m x k x n MACs at the tag's precision.
// VectorUnit: `lanes` element operations per cycle; a tile's vector ops take ceil(ops / lanes).
// Both are contended: a second tile waits until the engine is free.
#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "models/arch_params.h"
#include "models/calendar.h"
#include "models/command.h"

namespace pjsim::models {

class MatrixUnit : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<MatrixUnit> socket;
  MatrixUnit(sc_core::sc_module_name name, const MatrixUnitParams& params, double frequency_hz, Ledger& ledger);
  const Calendar& calendar() const { return calendar_; }
  /// Gates the core while its matrix unit is idle (models/calendar.h).
  void set_gating(const GatingParams& g);

 private:
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  MatrixUnitParams params_;
  double period_s_;
  Ledger& ledger_;
  Calendar calendar_;
};

class VectorUnit : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<VectorUnit> socket;
  VectorUnit(sc_core::sc_module_name name, const VectorUnitParams& params, double frequency_hz, Ledger& ledger);
  const Calendar& calendar() const { return calendar_; }

 private:
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  VectorUnitParams params_;
  double period_s_;
  Ledger& ledger_;
  Calendar calendar_;
};

}  // namespace pjsim::models
