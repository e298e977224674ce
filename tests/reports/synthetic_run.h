// A hand-built RunResult whose every energy is easy to compute by hand (see the table below),
// shared by the [reports] tests.
//
//   #  action          chip.core layer op          data        count   price   pJ
//   1  mac bf16        0.0       0     projection  -           1000    0.6     600
//   2  mac bf16        0.1       1     mlp         -           2000    0.6     1200
//   3  mac int8        0.1       -1    lm_head     -           500     0.2     100
//   4  vector_op bf16  0.0       0     norm        -           300     0.9     270
//   5  sram_read       0.0       0     projection  weights     8000    0.1     800
//   6  sram_write      0.1       1     mlp         activations 4000    0.12    480
//   7  hbm_read        0.1       1     mlp         weights     16000   4.0     64000
//   8  hbm_read        0.0       -1    embedding   embedding   2048    4.0     8192
//   9  noc_bit_hops    1.0       0     attention   kv          1200    0.05    60
//   dynamic = 75702 pJ; static = 1e-6 W x 0.002 s x 1e12 x 2 chips = 4000 pJ; total = 79702 pJ.
#pragma once

#include "reports/run_result.h"

namespace pjsim::reports::testing {

inline constexpr double kDynamicPj = 75702.0;
inline constexpr double kStaticPj = 4000.0;
inline constexpr double kTotalPj = kDynamicPj + kStaticPj;

inline models::Technology synthetic_technology() {
  using workloads::Precision;
  models::Technology t;
  t.name = "synthetic";
  t.mac[Precision::bf16] = {0.6, "pJ/MAC", "test: bf16 mac"};
  t.mac[Precision::int8] = {0.2, "pJ/MAC", "test: int8 mac"};
  t.vector_op[Precision::bf16] = {0.9, "pJ/op", "test: vector"};
  t.sram_read = models::Price{0.1, "pJ/bit", "test: sram read | 1 MiB"};
  t.sram_write = models::Price{0.12, "pJ/bit", "test: sram write"};
  t.hbm_read = models::Price{4.0, "pJ/bit", "test: hbm read"};
  t.hbm_write = models::Price{4.5, "pJ/bit", "test: hbm write (never counted)"};
  t.noc_hop = models::Price{0.05, "pJ/bit/hop", "test: noc"};
  t.ici_link = models::Price{2.0, "pJ/bit", "test: ici (never counted)"};
  return t;
}

inline models::Tag tag(models::Action a, int chip, int core, int layer, workloads::OpCategory op,
                       workloads::DataClass data = workloads::DataClass::activations,
                       workloads::Precision p = workloads::Precision::bf16) {
  models::Tag t;
  t.action = a;
  t.precision = p;
  t.chip = chip;
  t.core = core;
  t.layer = layer;
  t.op = op;
  t.data = data;
  return t;
}

inline RunResult synthetic_run() {
  using models::Action;
  using workloads::DataClass;
  using workloads::OpCategory;
  using workloads::Precision;
  RunResult r;
  r.name = "synthetic";
  r.config = {{"workload", {{"phase", "decode"}, {"batch", 16}, {"steps", 1}}}, {"arch", {{"chips", 2}}}};
  r.config_hash = "0123456789abcdef";
  r.phase = "decode";
  r.seconds = 0.002;
  r.frequency_hz = 1.5e9;
  r.cycles = 3000000;
  r.tokens_generated = 16;
  r.tokens_processed = 16;
  r.static_power_w = 1e-6;
  r.chips = 2;
  r.cores_per_chip = 2;
  r.technology = synthetic_technology();
  r.ledger.add(tag(Action::mac, 0, 0, 0, OpCategory::projection), 1000);
  r.ledger.add(tag(Action::mac, 0, 1, 1, OpCategory::mlp), 2000);
  r.ledger.add(tag(Action::mac, 0, 1, -1, OpCategory::lm_head, DataClass::activations, Precision::int8), 500);
  r.ledger.add(tag(Action::vector_op, 0, 0, 0, OpCategory::norm), 300);
  r.ledger.add(tag(Action::sram_read_bits, 0, 0, 0, OpCategory::projection, DataClass::weights), 8000);
  r.ledger.add(tag(Action::sram_write_bits, 0, 1, 1, OpCategory::mlp, DataClass::activations), 4000);
  r.ledger.add(tag(Action::hbm_read_bits, 0, 1, 1, OpCategory::mlp, DataClass::weights), 16000);
  r.ledger.add(tag(Action::hbm_read_bits, 0, 0, -1, OpCategory::embedding, DataClass::embedding), 2048);
  r.ledger.add(tag(Action::noc_bit_hops, 1, 0, 0, OpCategory::attention, DataClass::kv), 1200);
  r.busy["matrix"] = {0.003, 4};
  r.busy["hbm"] = {0.001, 2};
  r.sim_events = 12345;
  return r;
}

}  // namespace pjsim::reports::testing
