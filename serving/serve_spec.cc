#include "serving/serve_spec.h"

namespace pjsim::serving {

const char* to_string(Batching b) { return b == Batching::continuous ? "continuous" : "static"; }
const char* to_string(Priority p) { return p == Priority::decode_first ? "decode_first" : "prefill_first"; }
const char* to_string(Preemption p) { return p == Preemption::recompute ? "recompute" : "swap"; }

}  // namespace pjsim::serving
