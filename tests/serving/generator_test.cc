// Generated streams: rates, burstiness and length distributions against their closed forms,
// seeding, and shared-prefix groups.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>

#include "serving/generator.h"
#include "serving/random.h"
#include "serving/stream_spec.h"
#include "stream_helpers.h"

using namespace pjsim::serving;
using pjsim::serving::test::drain;
using pjsim::serving::test::slice_path;

namespace {

std::vector<Request> generate(const GeneratorSpec& spec) {
  GeneratedSource source(spec);
  return drain(source);
}

GeneratorSpec poisson(double rate, std::uint64_t count, std::uint64_t seed = 1) {
  GeneratorSpec g;
  g.arrivals.rate = rate;
  g.count = count;
  g.seed = seed;
  g.prompt.value = 100;
  g.output.value = 10;
  return g;
}

struct GapStats {
  double rate = 0, cv = 0;
};

GapStats gap_stats(const std::vector<Request>& rs) {
  double sum = 0, sum2 = 0, previous = 0;
  for (const auto& r : rs) {
    const double gap = r.arrival_seconds - previous;
    sum += gap;
    sum2 += gap * gap;
    previous = r.arrival_seconds;
  }
  const double n = static_cast<double>(rs.size()), mean = sum / n;
  return {n / rs.back().arrival_seconds, std::sqrt(sum2 / n - mean * mean) / mean};
}

}  // namespace

TEST_CASE("mt19937_64 is the standard's: its 10,000th output is fixed", "[serving]") {
  std::mt19937_64 engine;
  engine.discard(9999);
  CHECK(engine() == 9981545732273789042ULL);  // [rand.predef]
  Rng a(5), b(5);
  for (int i = 0; i < 100; ++i) CHECK(a.uniform_int(1, 6) == b.uniform_int(1, 6));
}

TEST_CASE("Poisson arrivals: the empirical rate over 20,000 requests is within 3% and the gap CV is 1", "[serving][physics]") {
  for (const double rate : {0.5, 20.0, 1000.0}) {
    const auto rs = generate(poisson(rate, 20000, 3));
    REQUIRE(rs.size() == 20000);
    const GapStats s = gap_stats(rs);
    CHECK(s.rate == Approx(rate).epsilon(0.03));
    CHECK(s.cv == Approx(1).epsilon(0.05));
    for (std::size_t i = 1; i < rs.size(); ++i) REQUIRE(rs[i].arrival_seconds >= rs[i - 1].arrival_seconds);
  }
}

TEST_CASE("gamma arrivals: the gaps' coefficient of variation is the one asked, within 5%", "[serving][physics]") {
  for (const double cv : {0.5, 1.0, 2.0, 3.0}) {
    GeneratorSpec g = poisson(10, 20000, 11);
    g.arrivals.kind = ArrivalKind::gamma;
    g.arrivals.cv = cv;
    const GapStats s = gap_stats(generate(g));
    CHECK(s.cv == Approx(cv).epsilon(0.05));
    CHECK(s.rate == Approx(10).epsilon(0.03));
  }
  // CV 1 draws exactly the Poisson gaps.
  GeneratorSpec g = poisson(10, 50, 4);
  const auto p = generate(g);
  g.arrivals.kind = ArrivalKind::gamma;
  const auto q = generate(g);
  for (std::size_t i = 0; i < p.size(); ++i) CHECK(p[i].arrival_seconds == q[i].arrival_seconds);
}

TEST_CASE("the same seed gives the identical stream, another seed a different one", "[serving]") {
  GeneratorSpec g = poisson(5, 500, 42);
  g.prompt.kind = LengthKind::lognormal;
  g.prompt.mean = 800;
  g.prompt.sigma = 1.2;
  g.output.kind = LengthKind::uniform;
  g.output.lo = 1;
  g.output.hi = 300;
  g.prefix.groups = 3;
  g.prefix.prefix_blocks = 2;
  const auto a = generate(g), b = generate(g);
  g.seed = 43;
  const auto c = generate(g);
  REQUIRE(a.size() == b.size());
  bool differs = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].arrival_seconds == b[i].arrival_seconds);
    CHECK(a[i].prompt_tokens == b[i].prompt_tokens);
    CHECK(a[i].output_tokens == b[i].output_tokens);
    CHECK(a[i].prefix_blocks == b[i].prefix_blocks);
    differs = differs || a[i].arrival_seconds != c[i].arrival_seconds || a[i].prompt_tokens != c[i].prompt_tokens;
  }
  CHECK(differs);
}

TEST_CASE("length distributions: fixed, uniform bounds and mean, lognormal mean within 3%", "[serving][physics]") {
  GeneratorSpec g = poisson(1, 20000, 9);
  g.prompt.kind = LengthKind::lognormal;
  g.prompt.mean = 1155;  // the Azure conversation trace's mean prompt
  g.prompt.sigma = 1.0;
  g.output.kind = LengthKind::uniform;
  g.output.lo = 10;
  g.output.hi = 410;
  const auto rs = generate(g);
  double prompt_sum = 0, output_sum = 0;
  std::uint64_t lo = UINT64_MAX, hi = 0;
  std::vector<double> logs;
  for (const auto& r : rs) {
    prompt_sum += static_cast<double>(r.prompt_tokens);
    output_sum += static_cast<double>(r.output_tokens);
    lo = std::min(lo, r.output_tokens);
    hi = std::max(hi, r.output_tokens);
  }
  CHECK(prompt_sum / 20000 == Approx(1155).epsilon(0.03));
  CHECK(output_sum / 20000 == Approx(210).epsilon(0.03));  // (10 + 410) / 2
  CHECK(lo == 10);
  CHECK(hi == 410);
  // Clamped to [1, max].
  g.prompt.max = 2000;
  for (const auto& r : generate(g)) REQUIRE((r.prompt_tokens >= 1 && r.prompt_tokens <= 2000));
  g.count = 10;
  g.prompt = LengthSpec{};
  g.prompt.value = 77;
  for (const auto& r : generate(g)) CHECK(r.prompt_tokens == 77);
}

TEST_CASE("lengths drawn from a trace are its rows, prompt and output from the same row", "[serving]") {
  const std::string path = slice_path("azure-llm-2023-conv-300.csv");
  std::set<std::pair<std::uint64_t, std::uint64_t>> rows;
  const auto trace = open_trace(path, TraceFormat::auto_detect, 512);
  double trace_mean = 0;
  for (const auto& r : drain(*trace)) {
    rows.insert({r.prompt_tokens, r.output_tokens});
    trace_mean += static_cast<double>(r.prompt_tokens) / 300;
  }
  GeneratorSpec g = poisson(2, 20000, 5);
  g.prompt.kind = g.output.kind = LengthKind::trace;
  g.prompt.trace_path = g.output.trace_path = path;
  double mean = 0;
  for (const auto& r : generate(g)) {
    REQUIRE(rows.count({r.prompt_tokens, r.output_tokens}) == 1);
    mean += static_cast<double>(r.prompt_tokens) / 20000;
  }
  CHECK(mean == Approx(trace_mean).epsilon(0.03));
}

TEST_CASE("shared-prefix groups: a group's requests share their leading block ids, groups share none", "[serving][physics]") {
  GeneratorSpec g = poisson(10, 4000, 8);
  g.prefix.groups = 4;
  g.prefix.prefix_blocks = 8;
  g.prefix.block_tokens = 512;
  std::map<std::uint64_t, std::vector<std::uint64_t>> prefix_of;  // first id -> the group's ids
  std::map<std::uint64_t, std::uint64_t> members;
  for (const auto& r : generate(g)) {
    REQUIRE(r.prefix_blocks.size() == 8);
    CHECK(r.prefix_block_tokens == 512);
    CHECK(r.prompt_tokens == 8 * 512 + 100);  // the shared 4096 tokens, then its own 100
    const std::uint64_t group = r.prefix_blocks.front() / 8;
    CHECK(r.prefix_blocks.front() == group * 8);
    auto [it, fresh] = prefix_of.emplace(r.prefix_blocks.front(), r.prefix_blocks);
    if (!fresh) CHECK(it->second == r.prefix_blocks);
    ++members[group];
  }
  REQUIRE(prefix_of.size() == 4);
  std::set<std::uint64_t> all_ids;
  for (const auto& [first, ids] : prefix_of) all_ids.insert(ids.begin(), ids.end());
  CHECK(all_ids.size() == 32);  // 4 groups x 8 distinct ids
  for (const auto& [group, n] : members) CHECK(static_cast<double>(n) == Approx(1000).epsilon(0.1));
}

TEST_CASE("a duration ends the stream at the first arrival past it", "[serving][physics]") {
  GeneratorSpec g = poisson(100, 0);
  g.count.reset();
  g.duration_seconds = 60;
  const auto rs = generate(g);
  CHECK(rs.back().arrival_seconds < 60);
  CHECK(static_cast<double>(rs.size()) == Approx(6000).epsilon(0.05));  // rate x duration, sd 1.3%
  g.count = 10;  // whichever comes first
  CHECK(generate(g).size() == 10);
}

TEST_CASE("bad generator settings are named by their field", "[serving][errors]") {
  GeneratorSpec g = poisson(0, 10);
  CHECK(generator_problem(g) == "arrivals.rate: must be a finite number > 0 (requests/s)");
  g = poisson(1, 10);
  g.arrivals.kind = ArrivalKind::gamma;
  g.arrivals.cv = 0;
  CHECK(generator_problem(g) == "arrivals.cv: must be in (0, 100]");
  g = poisson(1, 10);
  g.count.reset();
  CHECK(generator_problem(g) == "count: give a count of requests or a duration_seconds");
  g.duration_seconds = 1e9;
  g.arrivals.rate = 1e6;
  CHECK(generator_problem(g) == "duration_seconds: rate x duration is more than 100,000,000 requests (set a count, or less)");
  g = poisson(1, 10);
  g.output.kind = LengthKind::uniform;
  g.output.lo = 5;
  g.output.hi = 4;
  CHECK(generator_problem(g) == "output.hi: must be at least lo");
  g = poisson(1, 10);
  g.prompt.kind = LengthKind::lognormal;
  g.prompt.mean = -3;
  CHECK(generator_problem(g) == "prompt.mean: must be a number in (0, 2^32]");
  g = poisson(1, 10);
  g.prefix.groups = 2;
  CHECK(generator_problem(g) == "prefix.prefix_blocks: must be at least 1 with groups");
  StreamSpec s;
  s.source = StreamSource::generator;
  s.generator = poisson(1, 10);
  s.generator.output.value = 0;
  try {
    open_requests(s);
    FAIL("no error");
  } catch (const TraceError& e) {
    CHECK(std::string(e.what()) == "requests: generator.output.value: must be in [1, max]");
  }
  g = poisson(0.001, 1);
  g.count.reset();
  g.duration_seconds = 0.001;
  GeneratedSource none(g);
  CHECK_THROWS_WITH(none.next(), "generator: no request arrives within duration_seconds (raise the rate or the duration)");
}
