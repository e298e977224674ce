// A request inside the server: how much of it is in the KV cache, what it has generated, and
// what happened to it so far (the row of requests.csv it becomes).
//
// Positions: a prompt of P tokens is prefilled (target P); the step that completes the prefill
// produces output token 1. Decode step k then feeds token k and attends P + k positions; the
// request is done when it has generated output_tokens. A preempted request (recompute) drops its
// cache and must prefill prompt + generated tokens again, which produces its next token.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "serving/request.h"

namespace pjsim::serving {

struct Sequence {
  Request request;
  std::uint64_t target = 0;        ///< positions to prefill before the next token
  std::uint64_t in_cache = 0;      ///< positions in the KV cache
  std::uint64_t generated = 0;     ///< output tokens produced
  std::uint64_t private_blocks = 0;
  std::vector<std::uint64_t> shared;  ///< prefix entries referenced (ids)
  bool swapped = false;            ///< KV moved to the host (swap preemption)

  bool prefilling() const { return in_cache < target; }
  bool done() const { return generated >= request.output_tokens; }
};

/// What became of one request: the row of requests.csv.
struct RequestRecord {
  std::uint64_t id = 0;
  double arrival_s = 0;
  double scheduled_s = -1;    ///< start of the first step that ran it
  double first_token_s = -1;  ///< end of the step that produced its first token
  double finish_s = -1;
  std::uint64_t prompt_tokens = 0, cached_tokens = 0, output_tokens = 0;
  std::uint64_t preemptions = 0;
  double energy_pj = 0;       ///< its share of the steps it ran in (by tokens)
  std::string rejected;       ///< why it could not be served (empty: served)

  double queueing_s() const { return scheduled_s - arrival_s; }
  double ttft_s() const { return first_token_s - arrival_s; }
  double e2e_s() const { return finish_s - arrival_s; }
  /// (finish - first token) / (output - 1); 0 for a single output token.
  double tpot_s() const { return output_tokens > 1 ? (finish_s - first_token_s) / double(output_tokens - 1) : 0; }
};

}  // namespace pjsim::serving
