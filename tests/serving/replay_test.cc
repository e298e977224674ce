#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "fake_steps.h"
#include "serving/kv_cache.h"
#include "serving/replay.h"

using namespace pjsim::serving;
using namespace pjsim::serving::testing;

namespace {

ServeSpec spec_with(std::uint64_t capacity_blocks) {
  ServeSpec s;
  s.kv.capacity_blocks = capacity_blocks;
  s.kv.block_tokens = 16;
  s.kv.bits_per_token = 1000;
  return s;
}

Request req(std::uint64_t id, double t, std::uint64_t prompt, std::uint64_t out) {
  Request r;
  r.id = id;
  r.arrival_seconds = t;
  r.prompt_tokens = prompt;
  r.output_tokens = out;
  return r;
}

std::vector<Request> poisson_like(std::size_t n, double gap) {
  std::vector<Request> v;
  for (std::size_t i = 0; i < n; ++i)
    v.push_back(req(i, gap * double(i) * (1 + 0.5 * std::sin(double(i))), 100 + 37 * (i % 13), 5 + (i % 7) * 3));
  for (std::size_t i = 1; i < v.size(); ++i) v[i].arrival_seconds = std::max(v[i].arrival_seconds, v[i - 1].arrival_seconds);
  return v;
}

}  // namespace

TEST_CASE("one request alone: TTFT is its prefill step and TPOT its decode step") {
  FakeSimulator sim;
  auto costs = exact_costs(sim);
  ListSource src({req(0, 0.5, 300, 4)});
  ServeResult r = replay(src, spec_with(1000), *costs, {});
  REQUIRE(r.requests.size() == 1);
  const RequestRecord& q = r.requests[0];
  StepShape prefill;
  prefill.chunks = {{300, 0, true}};
  CHECK(q.ttft_s() == Approx(fake_cost(prefill).seconds).epsilon(1e-12));
  StepShape d;
  d.decode_seqs = 1;
  d.decode_context_sum = 301;
  const double first = fake_cost(d).seconds;
  d.decode_context_sum = 303;
  const double last = fake_cost(d).seconds;
  CHECK(q.tpot_s() == Approx((first + last) / 2).epsilon(1e-9));  // contexts 301, 302, 303
  CHECK(r.steps == 4);
  CHECK(r.first_arrival_s == 0.5);
}

TEST_CASE("requests' energies sum to the busy energy and idle is charged apart") {
  FakeSimulator sim;
  auto costs = exact_costs(sim);
  ListSource src(poisson_like(200, 0.02));
  ReplayOptions o;
  o.idle_watts = 90;
  ServeResult r = replay(src, spec_with(4000), *costs, o);
  double sum = 0;
  for (const auto& q : r.requests) sum += q.energy_pj;
  CHECK(sum == Approx(r.busy_energy_pj).epsilon(1e-9));
  CHECK(r.idle_energy_pj == Approx(90e12 * r.idle_s).epsilon(1e-9));
  CHECK(r.energy_parts["phase.prefill"] + r.energy_parts["phase.decode"] + r.energy_parts["phase.idle"] ==
        Approx(r.energy_pj).epsilon(1e-9));
  CHECK(r.energy_parts["tier.hbm"] + r.energy_parts["tier.static"] == Approx(r.energy_pj).epsilon(1e-9));
  CHECK(r.series.total("energy_pj") == Approx(r.energy_pj).epsilon(1e-9));
}

TEST_CASE("Little's law: time-averaged requests in the system = arrival rate x mean latency") {
  FakeSimulator sim;
  auto costs = bucketed_costs(sim);
  ListSource src(poisson_like(500, 0.01));
  ServeResult r = replay(src, spec_with(3000), *costs, {});
  double latency = 0;
  for (const auto& q : r.requests) latency += q.e2e_s();
  const double span = r.end_s - r.first_arrival_s;
  const double lambda = double(r.requests.size()) / span;
  const double mean_w = latency / double(r.requests.size());
  const double mean_l = r.series.total("in_system") / span;
  CHECK(mean_l == Approx(lambda * mean_w).epsilon(0.02));
}

TEST_CASE("the KV cache never holds more than its capacity, and a full cache preempts") {
  FakeSimulator sim;
  auto costs = exact_costs(sim);
  std::vector<Request> v;
  for (std::uint64_t i = 0; i < 40; ++i) v.push_back(req(i, 0, 200, 300));
  ListSource src(v);
  ServeResult r = replay(src, spec_with(120), *costs, {});  // 120 blocks of 16 = 1920 positions
  CHECK(r.kv_peak_blocks <= 120);
  std::uint64_t preempted = 0, done = 0;
  for (const auto& q : r.requests) {
    preempted += q.preemptions;
    done += q.finish_s > 0;
  }
  CHECK(preempted > 0);
  CHECK(done == 40);
}

TEST_CASE("a request that can never fit is rejected and counted, not hung on") {
  FakeSimulator sim;
  auto costs = exact_costs(sim);
  ListSource src({req(0, 0, 5000, 10), req(1, 0, 100, 2)});
  ServeResult r = replay(src, spec_with(100), *costs, {});
  CHECK_FALSE(r.requests[0].rejected.empty());
  CHECK(r.requests[1].rejected.empty());
  CHECK(r.requests[1].finish_s > 0);
}

TEST_CASE("100 requests sharing a 4096-token prefix prefill it once") {
  FakeSimulator sim;
  auto costs = exact_costs(sim);
  std::vector<Request> v;
  for (std::uint64_t i = 0; i < 100; ++i) {
    Request r = req(i, 0.001 * double(i), 4096 + 100, 2);
    for (std::uint64_t b = 0; b < 8; ++b) r.prefix_blocks.push_back(b);
    r.prefix_blocks.push_back(1000 + i);  // its own last block
    r.prefix_block_tokens = 512;
    v.push_back(r);
  }
  ServeSpec s = spec_with(100000);
  s.kv.prefix_caching = true;
  ListSource src(v);
  ServeResult r = replay(src, s, *costs, {});
  std::uint64_t cached = 0;
  for (const auto& q : r.requests) cached += q.cached_tokens;
  CHECK(cached == 99 * 4096);
  CHECK(r.series.total("prefill_tokens") == Approx(4096 + 100 * 100));
}

TEST_CASE("bucketed step costs stay within 1% of exact over a 200-request trace") {
  FakeSimulator a, b;
  auto exact = exact_costs(a);
  auto bucketed = bucketed_costs(b);
  ListSource s1(poisson_like(200, 0.01)), s2(poisson_like(200, 0.01));
  ServeResult e = replay(s1, spec_with(4000), *exact, {});
  ServeResult q = replay(s2, spec_with(4000), *bucketed, {});
  CHECK(q.busy_s == Approx(e.busy_s).epsilon(0.01));
  CHECK(q.busy_energy_pj == Approx(e.busy_energy_pj).epsilon(0.01));
  CHECK(b.calls < a.calls);
}

TEST_CASE("grid brackets are at most 1.5x apart") {
  CHECK(grid_bracket(0) == std::make_pair<std::uint64_t, std::uint64_t>(0, 0));
  CHECK(grid_bracket(5) == std::make_pair<std::uint64_t, std::uint64_t>(4, 6));
  CHECK(grid_bracket(3000) == std::make_pair<std::uint64_t, std::uint64_t>(2048, 3072));
  CHECK(grid_bracket(3072) == std::make_pair<std::uint64_t, std::uint64_t>(3072, 3072));
}

TEST_CASE("static batching: B identical requests run one prefill step and output - 1 decode steps") {
  FakeSimulator sim;
  auto costs = exact_costs(sim);
  std::vector<Request> v;
  for (std::uint64_t i = 0; i < 8; ++i) v.push_back(req(i, 0, 128, 5));
  ServeSpec s = spec_with(10000);
  s.policy.batching = Batching::static_batch;
  s.policy.batch_size = 8;
  ListSource src(v);
  ServeResult r = replay(src, s, *costs, {});
  CHECK(r.steps == 5);
  double expect = 0;
  StepShape p;
  for (int i = 0; i < 8; ++i) p.chunks.push_back({128, 0, true});
  expect += fake_cost(p).energy_pj;
  for (std::uint64_t k = 1; k < 5; ++k) {
    StepShape d;
    d.decode_seqs = 8;
    d.decode_context_sum = 8 * (128 + k);
    expect += fake_cost(d).energy_pj;
  }
  CHECK(r.busy_energy_pj == Approx(expect).epsilon(1e-12));
}

TEST_CASE("the finest grid has 8 points per octave and the coarse one is powers of two") {
  CHECK(grid_bracket(517, Grid::finest) == std::make_pair<std::uint64_t, std::uint64_t>(512, 576));
  CHECK(grid_bracket(17, Grid::finest) == std::make_pair<std::uint64_t, std::uint64_t>(16, 18));
  CHECK(grid_bracket(15, Grid::finest) == std::make_pair<std::uint64_t, std::uint64_t>(15, 15));
  CHECK(grid_bracket(5, Grid::coarse) == std::make_pair<std::uint64_t, std::uint64_t>(4, 8));
}

TEST_CASE("prefix caching never holds more KV than the capacity, whatever ids repeat") {
  FakeSimulator sim;
  auto costs = exact_costs(sim);
  std::vector<Request> v;
  for (std::uint64_t i = 0; i < 300; ++i) {
    Request r = req(i, 0.002 * double(i), 2000, 3 + i % 5);
    // Shared and private ids, some repeated out of order (as a remapped trace may hold).
    r.prefix_blocks = {i % 3, 100 + i % 7, 1000 + i, i % 3, 200 + i % 11};
    r.prefix_block_tokens = 512;
    v.push_back(r);
  }
  ServeSpec s = spec_with(700);  // 700 blocks of 16: about 5 requests of 2000 tokens
  s.kv.prefix_caching = true;
  ListSource src(v);
  ServeResult r = replay(src, s, *costs, {});
  CHECK(r.kv_peak_blocks <= 700);
  std::uint64_t done = 0;
  for (const auto& q : r.requests) done += q.finish_s > 0;
  CHECK(done == 300);
}

TEST_CASE("the KV cache pins every cached id of a request before it evicts") {
  KvCache kv(10, 16, true);
  REQUIRE(kv.acquire({1, 2}, 4));  // 8 blocks
  kv.release({1, 2});              // both evictable
  // id 2 is cached but not a leading hit; the new id 3 needs room: only id 1 may go.
  REQUIRE(kv.acquire({3, 2}, 4));
  CHECK(kv.used() <= kv.capacity());
  CHECK(kv.leading_hits({2}) == 1);
  CHECK(kv.leading_hits({1}) == 0);
}

TEST_CASE("dense attention: every decode attends the slot length") {
  FakeSimulator sim;
  auto costs = exact_costs(sim);
  ServeSpec s = spec_with(1000);
  s.kv.dense_attention_tokens = 2048;
  ListSource src({req(0, 0, 300, 3)});
  ServeResult r = replay(src, s, *costs, {});
  StepShape d;
  d.decode_seqs = 1;
  d.decode_context_sum = 2048;
  CHECK(r.requests[0].tpot_s() == Approx(fake_cost(d).seconds).epsilon(1e-12));
}

TEST_CASE("a gated idle gap keeps the ungated static power, the gated fraction and one wake-up") {
  FakeSimulator sim;
  auto costs = exact_costs(sim);
  ListSource src({req(0, 0, 100, 1), req(1, 10, 100, 1)});
  ReplayOptions o;
  o.idle_watts = 90;
  o.gating = {true, 0.5, 52, 0.1, 0.002, 0.001};  // 52 W of cores and links gateable
  ServeResult r = replay(src, spec_with(1000), *costs, o);
  REQUIRE(r.gated_gaps == 1);
  const double gap = r.idle_s;
  const double expect = 90 * 0.5 + (90 - 52 * 0.9) * (gap - 0.5) + 0.002;
  CHECK(r.idle_energy_pj * 1e-12 == Approx(expect).epsilon(1e-12));
  StepShape p;
  p.chunks = {{100, 0, true}};
  CHECK(r.requests[1].ttft_s() == Approx(fake_cost(p).seconds + 0.001).epsilon(1e-12));
}

TEST_CASE("a request longer than the model's context is a counted rejection") {
  FakeSimulator sim;
  auto costs = exact_costs(sim);
  ServeSpec s = spec_with(10000);
  s.max_context = 500;
  ListSource src({req(0, 0, 400, 200), req(1, 0, 400, 100)});
  ServeResult r = replay(src, s, *costs, {});
  CHECK(r.requests[0].rejected.find("context") != std::string::npos);
  CHECK(r.requests[1].rejected.empty());
}
