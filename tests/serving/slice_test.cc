// Slicing (first N, a time window) and rate scaling of a stream: exact arrivals and ids.
#include <catch2/catch.hpp>

#include <istream>
#include <streambuf>

#include "serving/line_reader.h"
#include "serving/slice.h"
#include "serving/stream_spec.h"
#include "stream_helpers.h"

using namespace pjsim::serving;
using pjsim::serving::test::drain;
using pjsim::serving::test::slice_path;

namespace {

/// An endless plain CSV trace: the header, then "i,1,1" for i = 0, 1, 2, ... forever.
class EndlessTrace : public std::streambuf {
 public:
  EndlessTrace() { refill("arrival_seconds,prompt_tokens,output_tokens\n"); }
  std::uint64_t rows_made() const { return row_; }

 protected:
  int_type underflow() override {
    refill(std::to_string(row_++) + ",1,1\n");
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string text_;
  std::uint64_t row_ = 0;
  void refill(const std::string& text) {
    text_ = text;
    setg(text_.data(), text_.data(), text_.data() + text_.size());
  }
};

std::vector<Request> whole(const std::string& file) {
  const auto source = open_trace(slice_path(file), TraceFormat::auto_detect, 512);
  return drain(*source);
}

std::vector<Request> sliced(const std::string& file, const SliceSpec& slice) {
  StreamSpec spec;
  spec.trace.path = slice_path(file);
  spec.slice = slice;
  const auto source = open_requests(spec);
  return drain(*source);
}

}  // namespace

TEST_CASE("first N keeps exactly the first N requests, unchanged", "[serving][physics]") {
  const auto all = whole("azure-llm-2023-conv-300.csv");
  SliceSpec s;
  s.first = 17;
  const auto kept = sliced("azure-llm-2023-conv-300.csv", s);
  REQUIRE(kept.size() == 17);
  for (std::size_t i = 0; i < kept.size(); ++i) {
    CHECK(kept[i].id == i);
    CHECK(kept[i].arrival_seconds == all[i].arrival_seconds);
    CHECK(kept[i].prompt_tokens == all[i].prompt_tokens);
  }
  s.first = 1000;  // more than there are: all of them
  CHECK(sliced("azure-llm-2023-conv-300.csv", s).size() == 300);
}

TEST_CASE("a window from start to end keeps exactly the requests inside it, re-based to start", "[serving][physics]") {
  const auto all = whole("mooncake-conversation-300.jsonl");
  SliceSpec s;
  s.start_seconds = 30;
  s.end_seconds = 60;
  const auto kept = sliced("mooncake-conversation-300.jsonl", s);
  std::vector<Request> expected;
  for (const auto& r : all)
    if (r.arrival_seconds >= 30 && r.arrival_seconds < 60) expected.push_back(r);
  REQUIRE(!expected.empty());
  REQUIRE(kept.size() == expected.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    CHECK(kept[i].id == i);
    CHECK(kept[i].arrival_seconds == expected[i].arrival_seconds - 30);
    CHECK(kept[i].prefix_blocks == expected[i].prefix_blocks);
  }
  CHECK(kept.front().arrival_seconds >= 0);
  CHECK(kept.back().arrival_seconds < 30);
  // Window then first N.
  s.first = 3;
  const auto three = sliced("mooncake-conversation-300.jsonl", s);
  REQUIRE(three.size() == 3);
  CHECK(three[2].output_tokens == expected[2].output_tokens);
}

TEST_CASE("rate scaling divides every arrival by the factor, exactly", "[serving][physics]") {
  const auto all = whole("azure-llm-2023-conv-300.csv");
  for (const double r : {2.0, 0.5, 3.0, 10.0}) {
    SliceSpec s;
    s.rate_scale = r;
    const auto scaled = sliced("azure-llm-2023-conv-300.csv", s);
    REQUIRE(scaled.size() == all.size());
    for (std::size_t i = 0; i < all.size(); ++i) CHECK(scaled[i].arrival_seconds == all[i].arrival_seconds / r);
    // The mean rate scales by r: same count over a span divided by r.
    CHECK(scaled.back().arrival_seconds == all.back().arrival_seconds / r);
  }
  SliceSpec window;
  window.start_seconds = 10;
  window.end_seconds = 50;
  window.rate_scale = 4;
  std::vector<double> expected;
  for (const auto& r : all)
    if (r.arrival_seconds >= 10 && r.arrival_seconds < 50) expected.push_back((r.arrival_seconds - 10) / 4);
  const auto kept = sliced("azure-llm-2023-conv-300.csv", window);
  REQUIRE(kept.size() == expected.size());
  for (std::size_t i = 0; i < kept.size(); ++i) CHECK(kept[i].arrival_seconds == expected[i]);
}

TEST_CASE("slicing an endless trace reads only what it keeps", "[serving]") {
  EndlessTrace endless;
  auto stream = std::make_unique<std::istream>(&endless);
  SliceSpec s;
  s.start_seconds = 100;
  s.end_seconds = 200;
  SlicedSource sliced(open_trace(LineReader(std::move(stream), "endless.csv"), TraceFormat::csv, 512), s, "endless.csv");
  const auto kept = drain(sliced);
  REQUIRE(kept.size() == 100);  // arrivals 100 .. 199
  CHECK(kept.front().arrival_seconds == 0);
  CHECK(kept.back().arrival_seconds == 99);
  CHECK(endless.rows_made() == 201);  // up to the first row past the window, and no further
}

TEST_CASE("bad slices and slices that keep nothing are errors", "[serving][errors]") {
  SliceSpec s;
  s.rate_scale = 0;
  CHECK(slice_problem(s) == "rate_scale: must be a finite number > 0");
  s = SliceSpec{};
  s.first = 0;
  CHECK(slice_problem(s) == "first: must be at least 1");
  s = SliceSpec{};
  s.start_seconds = 5;
  s.end_seconds = 5;
  CHECK(slice_problem(s) == "end_seconds: the window must end after it starts");
  StreamSpec spec;
  spec.trace.path = slice_path("azure-llm-2023-conv-300.csv");
  spec.slice.rate_scale = -1;
  try {
    open_requests(spec);
    FAIL("no error");
  } catch (const TraceError& e) {
    CHECK(std::string(e.what()) == "requests: slice.rate_scale: must be a finite number > 0");
  }
  spec.slice = SliceSpec{};
  spec.slice.start_seconds = 5000;
  const auto source = open_requests(spec);
  try {
    source->next();
    FAIL("no error");
  } catch (const TraceError& e) {
    CHECK(std::string(e.what()) == spec.trace.path +
                                       ": the slice keeps no request: none arrives in the window [5000, end) s");
  }
}
