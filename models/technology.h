// The price table: picojoules per counted action, each with its unit and source.
//
// Example (tpu-7nm preset): mac[bf16] = 0.6 pJ per MAC ("Jouppi et al. ISCA 2021 Table 2: bf16 mul
// 0.21 + fp32 add 0.38 (D)"), hbm_read = 3.97 pJ/bit ("O'Connor et al. MICRO 2017, HBM2").
// Counting and pricing are apart (as in Accelergy): a report's counts can be priced again with
// another table without simulating again.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "workloads/precision.h"

namespace pjsim::models {

struct Price {
  double pj = 0;       ///< picojoules per unit action
  std::string unit;    ///< "pJ/MAC", "pJ/op", "pJ/bit", "pJ/bit/hop"
  std::string source;  ///< where the number comes from, or "estimate: ..."
};

struct Technology {
  std::string name;
  std::map<workloads::Precision, Price> mac;        ///< one multiply-accumulate, by operand precision
  std::map<workloads::Precision, Price> vector_op;  ///< one element operation on the vector unit
  std::optional<Price> sram_read;   ///< per bit read from a core's local SRAM
  std::optional<Price> sram_write;  ///< per bit written to a core's local SRAM
  std::optional<Price> hbm_read;    ///< per bit read from HBM (array + I/O)
  std::optional<Price> hbm_write;   ///< per bit written to HBM
  std::optional<Price> noc_hop;     ///< per bit per on-chip router hop (router + wire of one tile pitch)
  std::optional<Price> ici_link;    ///< per bit per inter-chip link crossed
};

}  // namespace pjsim::models
