// The trace readers on slices of the real traces (tests/data/traces/) and, where the workplace's
// ../shared/traces/ is present, on the whole files: counts, token sums and arrival times exact.
#include <catch2/catch.hpp>

#include "serving/azure_timestamp.h"
#include "serving/stream_spec.h"
#include "serving/trace_format.h"
#include "stream_helpers.h"

using namespace pjsim::serving;
using pjsim::serving::test::drain;
using pjsim::serving::test::read_text;
using pjsim::serving::test::shared_trace;
using pjsim::serving::test::slice_path;

namespace {

struct Totals {
  std::uint64_t count = 0, prompt = 0, output = 0, blocks = 0;
  double first = -1, last = -1;
  bool ids_in_order = true;
};

Totals totals_of(const std::string& path) {
  Totals t;
  const auto source = open_trace(path, TraceFormat::auto_detect, 512);
  while (const auto r = source->next()) {
    if (t.count == 0) t.first = r->arrival_seconds;
    t.ids_in_order = t.ids_in_order && r->id == t.count;
    ++t.count;
    t.prompt += r->prompt_tokens;
    t.output += r->output_tokens;
    t.blocks += r->prefix_blocks.size();
    t.last = r->arrival_seconds;
  }
  return t;
}

}  // namespace

TEST_CASE("Azure timestamps: days and nanoseconds, exact differences", "[serving]") {
  std::string error;
  const auto a = parse_azure_timestamp("2023-11-16 18:15:46.6805900", error);
  const auto b = parse_azure_timestamp("2023-11-16 18:15:50.9951690", error);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->day == 19677);  // 2023-11-16 is day 19,677 after 1970-01-01
  CHECK(a->nanos_of_day == ((18 * 60 + 15) * 60 + 46) * 1'000'000'000LL + 680'590'000);
  CHECK(seconds_between(*a, *b) == 4.314579);
  // Across midnight, a month end and a leap day.
  const auto eve = parse_azure_timestamp("2024-02-28 23:59:59.5", error);
  const auto march = parse_azure_timestamp("2024-03-01 00:00:00.25", error);
  REQUIRE(eve);
  REQUIRE(march);
  CHECK(seconds_between(*eve, *march) == 86400.75);
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  CHECK_FALSE(parse_azure_timestamp("2023-02-29 00:00:00", error));
  CHECK(error == "no such date in the timestamp");
  CHECK_FALSE(parse_azure_timestamp("2023-11-16 24:00:00", error));
  CHECK_FALSE(parse_azure_timestamp("2023-11-16 18:15:46.", error));
  CHECK_FALSE(parse_azure_timestamp("2023-11-16 18:15:46.1234567890", error));
  CHECK_FALSE(parse_azure_timestamp("2023-11-16T18:15:46", error));
}

TEST_CASE("Azure conversation slice: 300 rows, exact sums and arrivals, last row without newline", "[serving][physics]") {
  const std::string path = slice_path("azure-llm-2023-conv-300.csv");
  const auto source = open_trace(path, TraceFormat::auto_detect, 512);
  const auto requests = drain(*source);
  REQUIRE(requests.size() == 300);
  CHECK(requests[0].arrival_seconds == 0);
  CHECK(requests[0].prompt_tokens == 374);
  CHECK(requests[0].output_tokens == 44);
  CHECK(requests[1].arrival_seconds == 4.314579);        // 18:15:50.9951690 - 18:15:46.6805900
  CHECK(requests[299].arrival_seconds == 84.029102);     // 18:17:10.7096920, the row with no newline
  CHECK(requests[299].prompt_tokens == 212);
  CHECK(requests[299].output_tokens == 183);
  CHECK(requests[299].id == 299);
  const Totals t = totals_of(path);
  CHECK(t.prompt == 270000);
  CHECK(t.output == 76870);
  CHECK(t.blocks == 0);
  CHECK(t.ids_in_order);
}

TEST_CASE("the last row counts with or without a final newline, CRLF or LF", "[serving]") {
  const std::string rows = "TIMESTAMP,ContextTokens,GeneratedTokens\r\n2023-11-16 18:15:46.6805900,374,44\r\n"
                           "2023-11-16 18:15:50.9951690,396,109";
  CHECK(read_text(rows, "t.csv").size() == 2);
  CHECK(read_text(rows + "\r\n", "t.csv").size() == 2);
  CHECK(read_text(rows + "\n\n", "t.csv").size() == 2);
  CHECK(read_text("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44", "t.csv").size() == 1);
}

TEST_CASE("Mooncake conversation slice: 300 requests with their hash ids as 512-token prefix blocks", "[serving][physics]") {
  const std::string path = slice_path("mooncake-conversation-300.jsonl");
  const auto source = open_trace(path, TraceFormat::auto_detect, 512);
  const auto requests = drain(*source);
  REQUIRE(requests.size() == 300);
  CHECK(requests[0].arrival_seconds == 0);
  CHECK(requests[0].prompt_tokens == 6758);
  CHECK(requests[0].output_tokens == 500);
  CHECK(requests[0].prefix_blocks == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
  CHECK(requests[0].prefix_block_tokens == 512);
  CHECK(requests[1].prefix_blocks.front() == 0);  // shares its first block with request 0
  CHECK(requests[1].prefix_blocks[1] == 14);
  CHECK(requests[299].arrival_seconds == 102.0);  // timestamp 102000 ms
  for (const auto& r : requests) CHECK(r.prefix_blocks.size() == (r.prompt_tokens + 511) / 512);
  const Totals t = totals_of(path);
  CHECK(t.prompt == 4269971);
  CHECK(t.output == 113079);
  CHECK(t.blocks == 8490);
  const Totals synthetic = totals_of(slice_path("mooncake-synthetic-300.jsonl"));
  CHECK(synthetic.count == 300);
  CHECK(synthetic.prompt == 3853165);
  CHECK(synthetic.blocks == 7721);
  CHECK(synthetic.last == 86.79);
}

TEST_CASE("format detection by header and first line, and the extension must agree", "[serving]") {
  using test::error_of;
  CHECK(detect_format("a.csv", "TIMESTAMP,ContextTokens,GeneratedTokens") == TraceFormat::azure);
  CHECK(detect_format("a.csv", "\xEF\xBB\xBFTIMESTAMP,ContextTokens,GeneratedTokens") == TraceFormat::azure);
  CHECK(detect_format("a.csv", "arrival_seconds,prompt_tokens,output_tokens") == TraceFormat::csv);
  CHECK(detect_format("a.txt", "prompt_tokens,arrival_seconds,output_tokens,prefix_blocks") == TraceFormat::csv);
  CHECK(detect_format("a.jsonl", R"({"timestamp": 0, "input_length": 1, "output_length": 1})") == TraceFormat::mooncake);
  CHECK(detect_format("a", R"({"arrival_seconds": 0, "prompt_tokens": 1})") == TraceFormat::jsonl);
  CHECK(error_of(R"({"arrival_seconds": 0})", "a.csv") ==
        "a.csv:1: a .csv file whose first line reads as the jsonl format: rename it or name the format");
  CHECK(error_of("x,y\n", "a.txt").rfind("a.txt:1: cannot tell the trace format from the first line 'x,y'", 0) == 0);
  CHECK(parse_format("mooncake") == TraceFormat::mooncake);
  CHECK_FALSE(parse_format("tsv"));
  CHECK(format_name(TraceFormat::auto_detect) == "auto");
}

TEST_CASE("plain CSV and JSONL: columns by name, prefix blocks separated by spaces or semicolons", "[serving]") {
  const auto csv = read_text("output_tokens,arrival_seconds,prompt_tokens,prefix_blocks\n"
                             "5,0,1500,7 8;9\n"
                             "6,0.25,300,\n"
                             "\n"
                             "7,0.25,1300, 1 ; 2 \n",
                             "p.csv");
  REQUIRE(csv.size() == 3);
  CHECK(csv[0].prefix_blocks == std::vector<std::uint64_t>{7, 8, 9});
  CHECK(csv[0].prefix_block_tokens == 512);
  CHECK(csv[0].output_tokens == 5);
  CHECK(csv[1].arrival_seconds == 0.25);
  CHECK(csv[1].prefix_blocks.empty());
  CHECK(csv[1].prefix_block_tokens == 0);
  CHECK(csv[2].prefix_blocks == std::vector<std::uint64_t>{1, 2});
  CHECK(csv[2].id == 2);
  const auto sized = read_text("arrival_seconds,prompt_tokens,output_tokens,prefix_blocks,prefix_block_tokens\n"
                               "1.5,64,2,3;4,16\n",
                               "p.csv");
  CHECK(sized.at(0).prefix_block_tokens == 16);
  const auto jsonl = read_text(R"({"arrival_seconds": 0.5, "prompt_tokens": 1024, "output_tokens": 128, "prefix_blocks": [7, 8], "prefix_block_tokens": 256})"
                               "\n"
                               R"({"arrival_seconds": 1, "prompt_tokens": 10, "output_tokens": 1})",
                               "p.jsonl");
  REQUIRE(jsonl.size() == 2);
  CHECK(jsonl[0].arrival_seconds == 0.5);
  CHECK(jsonl[0].prefix_blocks == std::vector<std::uint64_t>{7, 8});
  CHECK(jsonl[0].prefix_block_tokens == 256);
  CHECK(jsonl[1].prefix_blocks.empty());
}

TEST_CASE("whole traces of ../shared/traces: counts, exact token sums, arrivals within the hour", "[serving][physics]") {
  const std::string conv = shared_trace("azure-llm-2023-conv.csv");
  if (conv.empty()) {
    WARN("../shared/traces/ is not beside this checkout: skipping the whole-trace counts (the slices are checked)");
    return;
  }
  const Totals t = totals_of(conv);
  CHECK(t.count == 19366);
  CHECK(t.first == 0);
  CHECK(t.prompt == 22361870);  // mean 1,154.7: 1,155 in ../shared/traces/README.md
  CHECK(t.output == 4088665);   // mean 211.1: 211
  CHECK((t.prompt + t.count / 2) / t.count == 1155);
  CHECK((t.output + t.count / 2) / t.count == 211);
  CHECK(t.last == 3501.721937);  // 19:14:08.4025270 - 18:15:46.6805900, within the hour
  CHECK(t.ids_in_order);
  const Totals code = totals_of(shared_trace("azure-llm-2023-code.csv"));
  CHECK(code.count == 8819);
  CHECK(code.prompt == 18059974);
  CHECK(code.output == 245896);
  const Totals moon = totals_of(shared_trace("mooncake-conversation.jsonl"));
  CHECK(moon.count == 12031);
  CHECK(moon.prompt == 144793823);
  CHECK(moon.output == 4122048);
  CHECK(moon.blocks == 288500);  // hash ids read: ceil(input_length / 512) per line
  CHECK(moon.last == 3536.999);
  const Totals synth = totals_of(shared_trace("mooncake-synthetic.jsonl"));
  CHECK(synth.count == 3993);
  CHECK(synth.prompt == 61194628);
  CHECK(synth.blocks == 121877);
}
