// The `workload` section of report.json: figures of MoE, speculative decoding and the KV cache
// that the ledger alone does not give.
//
// Example (tiny MoE, 4 experts, top 2, batch 1, one step, 2 layers):
//   {"moe": {"experts": [{"expert": 0, "tokens": 1, "weight_bits": 6291456}, ...],
//            "distinct_experts_per_layer_step": 2.0},
//    "kv": {"cache_bits": ..., "bits_by_tier": {"hbm_read": ..., "hbm_write": ..., "sram_read": ...,
//           "sram_write": ..., "noc_bit_hops": ..., "ici_bit_hops": ...}},
//    "speculative": {"accepted_per_pass": 5.12, "target_passes": 1, "tokens_accepted": 5.12}}
// "moe" and "speculative" appear only when the run has them; "kv" always.
#pragma once

#include <nlohmann/json.hpp>

#include "reports/run_result.h"

namespace pjsim::reports {

nlohmann::json workload_section(const RunResult& r);

}  // namespace pjsim::reports
