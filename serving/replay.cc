#include "serving/replay.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "serving/scheduler.h"

namespace pjsim::serving {
namespace {

class Replay {
 public:
  Replay(RequestSource& source, const ServeSpec& spec, StepCosts& costs, const ReplayOptions& options)
      : source_(source), spec_(spec), costs_(costs), options_(options), scheduler_(spec, result_.requests) {
    result_.kv_capacity_blocks = spec.kv.capacity_blocks;
  }

  ServeResult run() {
    const auto started = std::chrono::steady_clock::now();
    pending_ = source_.next();
    if (pending_) now_ = result_.first_arrival_s = pending_->arrival_seconds;
    while (true) {
      enqueue_arrivals();
      if (options_.max_wall_s > 0 &&
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() > options_.max_wall_s) {
        result_.partial = true;
        result_.partial_reason = fmt::format("stopped at --max-wall {} s of wall time, {:.3f} s into the trace",
                                             options_.max_wall_s, now_);
        break;
      }
      if (scheduler_.idle()) {
        if (!pending_) break;
        idle_until(pending_->arrival_seconds);
        continue;
      }
      StepPlan plan = scheduler_.plan(now_);
      if (plan.empty()) {
        const double wake = std::min(scheduler_.wakeup(), pending_ ? pending_->arrival_seconds : kNever);
        if (wake == kNever || wake <= now_) {
          // Cannot happen with requests checked at arrival; never spin: say so and stop.
          result_.partial = true;
          result_.partial_reason = fmt::format("no step could be scheduled at {:.6f} s with {} waiting", now_,
                                               scheduler_.waiting());
          break;
        }
        idle_until(wake);
        continue;
      }
      run_step(plan);
    }
    result_.end_s = now_;
    result_.steps_simulated = costs_.simulated();
    result_.kv_evictions = scheduler_.kv().evictions();
    result_.energy_pj = result_.busy_energy_pj + result_.idle_energy_pj;
    return std::move(result_);
  }

 private:
  static constexpr double kNever = std::numeric_limits<double>::infinity();

  void enqueue_arrivals() {
    while (pending_ && pending_->arrival_seconds <= now_) {
      Request r = std::move(*pending_);
      pending_ = source_.next();
      RequestRecord rec;
      rec.id = r.id = result_.requests.size();
      rec.arrival_s = r.arrival_seconds;
      rec.prompt_tokens = r.prompt_tokens;
      rec.output_tokens = r.output_tokens;
      rec.rejected = scheduler_.refusal(r);
      result_.requests.push_back(rec);
      if (rec.rejected.empty()) scheduler_.arrive(r);
    }
  }

  // Static energy of an idle gap of g seconds, gated past the threshold where the chip allows.
  double idle_energy_pj(double g) {
    const IdleGating& gate = options_.gating;
    if (!gate.enabled || g <= gate.threshold_s) return options_.idle_watts * g * 1e12;
    ++result_.gated_gaps;
    wake_pending_ = true;
    const double gated_watts = options_.idle_watts - gate.gateable_watts * (1 - gate.fraction);
    return (options_.idle_watts * gate.threshold_s + gated_watts * (g - gate.threshold_s) + gate.wake_energy_j) * 1e12;
  }

  void idle_until(double t) {
    if (t <= now_) return;
    const double e = idle_energy_pj(t - now_);
    result_.idle_s += t - now_;
    result_.idle_energy_pj += e;
    result_.energy_parts["tier.static"] += e;
    result_.energy_parts["data.static"] += e;
    result_.energy_parts["phase.idle"] += e;
    result_.series.add_amount(now_, t, "energy_pj", e);
    result_.series.add_level(now_, t, "waiting", double(scheduler_.waiting()));
    result_.series.add_level(now_, t, "kv_blocks", double(scheduler_.kv().used()));
    now_ = t;
  }

  void run_step(const StepPlan& plan) {
    StepCost cost = costs_.cost(plan.shape);
    if (wake_pending_) {  // the first step after a gated gap waits for the wake-up
      cost.seconds += options_.gating.wake_latency_s;
      wake_pending_ = false;
    }
    if (plan.swap_bits > 0) {
      const double seconds = spec_.kv.swap_bytes_per_s > 0 ? plan.swap_bits / 8 / spec_.kv.swap_bytes_per_s : 0;
      const double e = plan.swap_bits * spec_.kv.swap_pj_per_bit;
      cost.seconds += seconds;
      cost.energy_pj += e;
      cost.parts["tier.host"] += e;
      cost.parts["data.kv"] += e;
      result_.swap_bits += static_cast<std::uint64_t>(plan.swap_bits);
    }
    const double end = now_ + cost.seconds;
    const auto& batch = scheduler_.batch();
    const double tokens = double(plan.shape.new_tokens());
    double prefill_tokens = 0;
    for (const StepPlan::Entry& e : plan.entries) {
      const Sequence& s = batch[e.seq];
      result_.requests[s.request.id].energy_pj += cost.energy_pj * double(e.tokens) / tokens;
      if (e.chunk) prefill_tokens += double(e.tokens);
    }
    record_itl(plan, end);
    for (const auto& [k, v] : cost.parts) result_.energy_parts[k] += v;
    result_.energy_parts["phase.prefill"] += cost.energy_pj * prefill_tokens / tokens;
    result_.energy_parts["phase.decode"] += cost.energy_pj * (tokens - prefill_tokens) / tokens;
    result_.busy_energy_pj += cost.energy_pj;
    result_.busy_s += cost.seconds;
    ++result_.steps;
    if (cost.seconds > 0) result_.peak_step_watts = std::max(result_.peak_step_watts, cost.energy_pj * 1e-12 / cost.seconds);
    result_.peak_batch = std::max<std::uint64_t>(result_.peak_batch, batch.size());
    result_.kv_peak_blocks = std::max(result_.kv_peak_blocks, scheduler_.kv().used());

    TimeSeries& ts = result_.series;
    ts.add_amount(now_, end, "energy_pj", cost.energy_pj);
    ts.add_level(now_, end, "running", double(batch.size()));
    ts.add_level(now_, end, "waiting", double(scheduler_.waiting()));
    ts.add_level(now_, end, "kv_blocks", double(scheduler_.kv().used()));
    ts.add_level(now_, end, "busy", 1.0);
    ts.add_amount(now_, end, "prefill_tokens", prefill_tokens);

    const double start = now_;
    std::vector<Sequence> done = scheduler_.complete(plan, end);
    ts.add_amount(start, end, "output_tokens", double(tokens_made_));
    for (const Sequence& s : done) {
      const RequestRecord& r = result_.requests[s.request.id];
      ts.add_level(r.arrival_s, r.finish_s, "in_system", 1.0);
    }
    now_ = end;
  }

  // Gaps between a request's consecutive tokens: a decode token's gap is from the token before.
  void record_itl(const StepPlan& plan, double end) {
    tokens_made_ = 0;
    const auto& batch = scheduler_.batch();
    for (const StepPlan::Entry& e : plan.entries) {
      const Sequence& s = batch[e.seq];
      const bool makes_token = !e.chunk || s.in_cache + e.tokens >= s.target;
      if (!makes_token) continue;
      ++tokens_made_;
      auto it = last_token_.find(s.request.id);
      if (it == last_token_.end()) {
        last_token_[s.request.id] = end;
        continue;
      }
      const double gap = end - it->second;
      it->second = end;
      if (!result_.itl.empty() && result_.itl.back().first == gap) ++result_.itl.back().second;
      else result_.itl.emplace_back(gap, 1);
    }
    // Requests that will finish in this step leave the map (kept small on long traces).
    for (const StepPlan::Entry& e : plan.entries) {
      const Sequence& s = batch[e.seq];
      const bool makes_token = !e.chunk || s.in_cache + e.tokens >= s.target;
      if (makes_token && s.generated + 1 >= s.request.output_tokens) last_token_.erase(s.request.id);
    }
  }

  RequestSource& source_;
  const ServeSpec& spec_;
  StepCosts& costs_;
  ReplayOptions options_;
  ServeResult result_;
  Scheduler scheduler_;
  std::optional<Request> pending_;
  std::map<std::uint64_t, double> last_token_;
  std::uint64_t tokens_made_ = 0;
  bool wake_pending_ = false;
  double now_ = 0;
};

}  // namespace

ServeResult replay(RequestSource& source, const ServeSpec& spec, StepCosts& costs, const ReplayOptions& options) {
  return Replay(source, spec, costs, options).run();
}

}  // namespace pjsim::serving
