// How a server runs a request stream: the batching policy, the paged KV cache, prefix caching,
// preemption and the latency objectives (docs/serving.md).
//
// Example (vLLM-like defaults): continuous batching, max_num_seqs 256, max_num_batched_tokens
// 8192, chunked prefill, decode-first; KV blocks of 16 tokens; prefix caching off; preemption
// by recompute; SLOs TTFT 1 s and TPOT 100 ms.
#pragma once

#include <cstdint>
#include <string>

namespace pjsim::serving {

enum class Batching { continuous, static_batch };
/// Which work fills a step's token budget first.
enum class Priority { decode_first, prefill_first };
/// What happens to a running request when the KV cache is full.
enum class Preemption { recompute, swap };

struct PolicySpec {
  Batching batching = Batching::continuous;
  // continuous batching
  std::uint64_t max_num_seqs = 256;             ///< sequences in the running batch at most
  std::uint64_t max_num_batched_tokens = 8192;  ///< new tokens (decode + prefill) per step at most
  bool chunked_prefill = true;                  ///< a prompt may be split over steps
  Priority priority = Priority::decode_first;
  // static batching
  std::uint64_t batch_size = 8;    ///< requests per batch
  double batch_timeout_s = 0;      ///< a partial batch starts this long after its first request
};

struct KvSpec {
  std::uint64_t block_tokens = 16;     ///< KV positions per block
  std::uint64_t capacity_blocks = 0;   ///< blocks that fit (sim/serve: memory left after weights)
  std::uint64_t bits_per_token = 0;    ///< KV bits of one position over all layers (all chips)
  /// 0: decode attention reads each sequence's own positions (paged attention). N: each decode
  /// attends N positions, a dense per-slot cache of that length read whole under a mask (as
  /// engines with fixed-shape caches do).
  std::uint64_t dense_attention_tokens = 0;
  bool prefix_caching = false;
  Preemption preemption = Preemption::recompute;
  double swap_bytes_per_s = 0;         ///< host link bandwidth (swap)
  double swap_pj_per_bit = 0;          ///< host link energy per bit moved (swap)
};

struct SloSpec {
  double ttft_s = 1.0;   ///< a request meets its SLO when TTFT <= ttft_s ...
  double tpot_s = 0.1;   ///< ... and TPOT <= tpot_s
};

struct ServeSpec {
  PolicySpec policy;
  KvSpec kv;
  SloSpec slo;
  std::uint64_t max_context = 0;  ///< prompt + output tokens a request may reach (0 = no limit)
  double interval_s = 0;          ///< time-series interval (0: the span / 200)
};

const char* to_string(Batching b);
const char* to_string(Priority p);
const char* to_string(Preemption p);

}  // namespace pjsim::serving
