#include "serving/scheduler.h"

#include <algorithm>

#include <fmt/format.h>

namespace pjsim::serving {

Scheduler::Scheduler(const ServeSpec& spec, std::vector<RequestRecord>& records)
    : spec_(spec), kv_(spec.kv.capacity_blocks, spec.kv.block_tokens, spec.kv.prefix_caching), records_(records) {}

std::string Scheduler::refusal(const Request& r) const {
  const std::uint64_t positions = r.prompt_tokens + r.output_tokens - 1;
  // Prefix entries are whole trace blocks (the last may be partly used): count them as held.
  const std::uint64_t ids = spec_.kv.prefix_caching ? r.prefix_blocks.size() : 0;
  const std::uint64_t covered = std::min<std::uint64_t>(ids * r.prefix_block_tokens, r.prompt_tokens);
  const std::uint64_t blocks = ids * kv_.entry_blocks(r.prefix_block_tokens) + kv_.blocks_for(positions - covered);
  if (spec_.max_context && r.prompt_tokens + r.output_tokens > spec_.max_context)
    return fmt::format("prompt + output {} tokens exceed the model's context ({})", r.prompt_tokens + r.output_tokens,
                       spec_.max_context);
  if (blocks > kv_.capacity()) return fmt::format("needs {} KV blocks, the cache holds {}", blocks, kv_.capacity());
  const PolicySpec& p = spec_.policy;
  if (p.batching == Batching::continuous && !p.chunked_prefill && r.prompt_tokens > p.max_num_batched_tokens)
    return fmt::format("prompt {} tokens exceeds max_num_batched_tokens {} without chunked prefill", r.prompt_tokens,
                       p.max_num_batched_tokens);
  return "";
}

void Scheduler::arrive(const Request& r) {
  Sequence s;
  s.request = r;
  s.target = r.prompt_tokens;
  if (!spec_.kv.prefix_caching) s.request.prefix_blocks.clear();
  waiting_.push_back(std::move(s));
}

std::uint64_t Scheduler::covered(const Sequence& s) const {
  return std::min<std::uint64_t>(s.shared.size() * s.request.prefix_block_tokens, s.target);
}

std::uint64_t Scheduler::private_need(const Sequence& s, std::uint64_t positions) const {
  const std::uint64_t c = covered(s);
  return kv_.blocks_for(positions > c ? positions - c : 0);
}

void Scheduler::mark_scheduled(const Sequence& s, double now) {
  RequestRecord& r = records_[s.request.id];
  if (r.scheduled_s < 0) r.scheduled_s = now;
}

// Takes the KV blocks a waiting sequence needs to run (its whole prompt plus
// `extra_positions`), with prefix hits; false and no change when they do not fit.
bool Scheduler::admit(Sequence& s, std::uint64_t extra_positions, double& swap_bits) {
  if (s.swapped) {
    const std::uint64_t need = kv_.blocks_for(s.in_cache + extra_positions);
    if (!kv_.allocate(need)) return false;
    s.private_blocks = need;
    s.swapped = false;
    swap_bits += double(s.in_cache) * double(spec_.kv.bits_per_token);
    return true;
  }
  const auto& ids = s.request.prefix_blocks;
  const std::uint64_t hits = kv_.leading_hits(ids);
  if (!kv_.acquire(ids, kv_.entry_blocks(s.request.prefix_block_tokens))) return false;
  s.shared = ids;
  const std::uint64_t need = private_need(s, s.target + extra_positions);
  if (!kv_.allocate(need)) {
    kv_.release(s.shared);
    s.shared.clear();
    return false;
  }
  s.private_blocks = need;
  const std::uint64_t cached = std::min<std::uint64_t>(hits * s.request.prefix_block_tokens, s.target - 1);
  s.in_cache = cached;
  records_[s.request.id].cached_tokens += cached;
  return true;
}

void Scheduler::drop_blocks(Sequence& s) {
  kv_.release(s.shared);
  s.shared.clear();
  kv_.free(s.private_blocks);
  s.private_blocks = 0;
}

void Scheduler::preempt(std::size_t index, double& swap_bits) {
  Sequence s = std::move(running_[index]);
  running_.erase(running_.begin() + static_cast<std::ptrdiff_t>(index));
  ++records_[s.request.id].preemptions;
  drop_blocks(s);
  if (spec_.kv.preemption == Preemption::swap && !s.prefilling()) {
    s.swapped = true;
    swap_bits += double(s.in_cache) * double(spec_.kv.bits_per_token);
  } else {
    // Recompute: prefill the prompt and every generated token again; that pass makes the next token.
    if (!s.prefilling()) s.target = s.in_cache + 1;
    s.in_cache = 0;
  }
  waiting_.push_front(std::move(s));
}

void Scheduler::reserve_decode_blocks(double& swap_bits) {
  for (std::size_t i = 0; i < running_.size(); ++i) {
    Sequence& s = running_[i];
    if (s.prefilling()) continue;
    const std::uint64_t need = private_need(s, s.in_cache + 1);
    while (need > s.private_blocks) {
      if (kv_.allocate(need - s.private_blocks)) {
        s.private_blocks = need;
        break;
      }
      const std::size_t victim = running_.size() - 1;
      preempt(victim, swap_bits);
      if (victim == i) return;
    }
  }
}

void Scheduler::add_decodes(StepPlan& p, std::uint64_t& budget) {
  for (std::size_t i = 0; i < running_.size() && budget > 0; ++i) {
    const Sequence& s = running_[i];
    if (s.prefilling()) continue;
    p.entries.push_back({i, 1, false});
    p.shape.decode_seqs += 1;
    p.shape.decode_context_sum += spec_.kv.dense_attention_tokens ? std::max(spec_.kv.dense_attention_tokens, s.in_cache + 1)
                                                                  : s.in_cache + 1;
    --budget;
  }
}

void Scheduler::add_prefills(StepPlan& p, std::uint64_t& budget, double now) {
  const PolicySpec& pol = spec_.policy;
  auto add_chunk = [&](std::size_t i) {
    Sequence& s = running_[i];
    const std::uint64_t left = s.target - s.in_cache;
    const std::uint64_t n = std::min(left, budget);
    p.entries.push_back({i, n, true});
    p.shape.chunks.push_back({n, s.in_cache, n == left});
    budget -= n;
  };
  for (std::size_t i = 0; i < running_.size() && budget > 0; ++i)
    if (running_[i].prefilling() && (pol.chunked_prefill || running_[i].target - running_[i].in_cache <= budget))
      add_chunk(i);
  while (!waiting_.empty() && running_.size() < pol.max_num_seqs && budget > 0) {
    Sequence& s = waiting_.front();
    // Without chunking a whole prompt must fit the budget (a waiting sequence has nothing cached
    // yet: prefix hits are only known at admission, so they do not count here).
    if (!pol.chunked_prefill && !s.swapped && s.target > budget) break;
    if (!admit(s, 1, p.swap_bits)) break;
    mark_scheduled(s, now);
    running_.push_back(std::move(s));
    waiting_.pop_front();
    if (running_.back().prefilling()) add_chunk(running_.size() - 1);
  }
}

StepPlan Scheduler::plan_continuous(double now) {
  StepPlan p;
  reserve_decode_blocks(p.swap_bits);
  std::uint64_t budget = spec_.policy.max_num_batched_tokens;
  if (spec_.policy.priority == Priority::decode_first) {
    add_decodes(p, budget);
    add_prefills(p, budget, now);
  } else {
    add_prefills(p, budget, now);
    if (spec_.policy.chunked_prefill || p.shape.chunks.empty()) add_decodes(p, budget);
  }
  // Decodes of sequences admitted this step (swapped back in) run in the next one; entries
  // stay in running order so that complete() can walk them.
  std::sort(p.entries.begin(), p.entries.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
  return p;
}

StepPlan Scheduler::plan_static(double now) {
  StepPlan p;
  const PolicySpec& pol = spec_.policy;
  if (running_.empty()) {
    if (waiting_.empty()) return p;
    if (waiting_.size() < pol.batch_size && now < wakeup()) return p;
    while (!waiting_.empty() && running_.size() < pol.batch_size) {
      Sequence& s = waiting_.front();
      // The whole sequence's blocks are taken up front: a static batch is never preempted.
      if (!admit(s, s.request.output_tokens - 1, p.swap_bits)) break;
      mark_scheduled(s, now);
      running_.push_back(std::move(s));
      waiting_.pop_front();
    }
    for (std::size_t i = 0; i < running_.size(); ++i) {
      const Sequence& s = running_[i];
      p.entries.push_back({i, s.target - s.in_cache, true});
      p.shape.chunks.push_back({s.target - s.in_cache, s.in_cache, true});
    }
    return p;
  }
  std::uint64_t budget = std::numeric_limits<std::uint64_t>::max();
  add_decodes(p, budget);
  return p;
}

StepPlan Scheduler::plan(double now) {
  return spec_.policy.batching == Batching::continuous ? plan_continuous(now) : plan_static(now);
}

double Scheduler::wakeup() const {
  if (spec_.policy.batching != Batching::static_batch || waiting_.empty() || !running_.empty())
    return std::numeric_limits<double>::infinity();
  return waiting_.front().request.arrival_seconds + spec_.policy.batch_timeout_s;
}

std::vector<Sequence> Scheduler::complete(const StepPlan& plan, double end) {
  for (const StepPlan::Entry& e : plan.entries) {
    Sequence& s = running_[e.seq];
    s.in_cache += e.tokens;
    if (e.chunk && s.prefilling()) continue;
    ++s.generated;
    RequestRecord& r = records_[s.request.id];
    if (r.first_token_s < 0) r.first_token_s = end;
  }
  std::vector<Sequence> done;
  std::vector<Sequence> still;
  for (Sequence& s : running_) {
    if (!s.done()) {
      still.push_back(std::move(s));
      continue;
    }
    drop_blocks(s);
    records_[s.request.id].finish_s = end;
    done.push_back(std::move(s));
  }
  running_ = std::move(still);
  return done;
}

}  // namespace pjsim::serving
