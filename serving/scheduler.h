// The iteration-level scheduler of a server: which sequences run in the next step and with how
// many tokens, under continuous or static batching, over a paged KV cache (docs/serving.md).
//
// Continuous batching (vLLM-like): a step's budget is max_num_batched_tokens new tokens and
// max_num_seqs sequences. decode_first gives every running decode its token, then continues
// partial prefills, then admits waiting requests first come first served; prefill_first does
// the prefills first (without chunked prefill a step with prefills has no decodes, as vLLM v0).
// A request is admitted when the KV blocks of its whole prompt fit (after prefix hits); a
// decode that needs a new block and finds none preempts the most recently admitted request.
// Static batching: a batch of up to batch_size waiting requests (or fewer, batch_timeout_s
// after the first arrived) is prefilled in one step and decoded until its last request ends;
// finished requests leave the batch, none join it.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <vector>

#include "serving/kv_cache.h"
#include "serving/sequence.h"
#include "serving/serve_spec.h"
#include "serving/step_shape.h"

namespace pjsim::serving {

struct StepPlan {
  StepShape shape;
  struct Entry {
    std::size_t seq = 0;       ///< index into the running batch
    std::uint64_t tokens = 0;  ///< new tokens of this sequence in the step
    bool chunk = false;        ///< a prefill chunk (else one decode token)
  };
  std::vector<Entry> entries;
  double swap_bits = 0;        ///< KV bits moved over the host link before the step (swap)
  bool empty() const { return entries.empty(); }
};

class Scheduler {
 public:
  Scheduler(const ServeSpec& spec, std::vector<RequestRecord>& records);

  /// Why a request can never be served here ("" when it can).
  std::string refusal(const Request& r) const;
  void arrive(const Request& r);
  bool idle() const { return running_.empty() && waiting_.empty(); }
  std::size_t running() const { return running_.size(); }
  std::size_t waiting() const { return waiting_.size(); }
  const KvCache& kv() const { return kv_; }

  /// The next step at time `now` (empty when nothing can run before wakeup()).
  StepPlan plan(double now);
  /// When a waiting static batch starts by its timeout (infinity when none is waiting).
  double wakeup() const;
  /// Applies a step that ended at `end`; returns the sequences that finished (removed).
  std::vector<Sequence> complete(const StepPlan& plan, double end);
  const std::vector<Sequence>& batch() const { return running_; }

 private:
  StepPlan plan_continuous(double now);
  StepPlan plan_static(double now);
  std::uint64_t covered(const Sequence& s) const;
  std::uint64_t private_need(const Sequence& s, std::uint64_t positions) const;
  bool admit(Sequence& s, std::uint64_t extra_positions, double& swap_bits);
  void preempt(std::size_t index, double& swap_bits);
  /// Gives back a sequence's KV blocks: its prefix references and its private blocks.
  void drop_blocks(Sequence& s);
  void reserve_decode_blocks(double& swap_bits);
  void add_decodes(StepPlan& p, std::uint64_t& budget);
  void add_prefills(StepPlan& p, std::uint64_t& budget, double now);
  void mark_scheduled(const Sequence& s, double now);

  ServeSpec spec_;
  KvCache kv_;
  std::vector<RequestRecord>& records_;
  std::deque<Sequence> waiting_;
  std::vector<Sequence> running_;
};

}  // namespace pjsim::serving
