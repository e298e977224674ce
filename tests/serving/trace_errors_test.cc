// Each kind of bad trace gives one TraceError naming the file and the 1-based line.
#include <catch2/catch.hpp>

#include <string>

#include "serving/trace_format.h"
#include "stream_helpers.h"

using namespace pjsim::serving;
using pjsim::serving::test::error_of;

namespace {

const std::string header = "TIMESTAMP,ContextTokens,GeneratedTokens\r\n";
const std::string row0 = "2023-11-16 18:15:46.6805900,374,44\r\n";

}  // namespace

TEST_CASE("Azure CSV: a located message for each malformed row", "[serving][errors]") {
  CHECK(error_of("TIME,Context\n" + row0, "bad.csv", TraceFormat::azure) ==
        "bad.csv:1: expected the Azure trace header 'TIMESTAMP,ContextTokens,GeneratedTokens', found 'TIME,Context'");
  CHECK(error_of(header + row0 + "2023-11-16 18:15:47.0,374\r\n", "bad.csv") ==
        "bad.csv:3: expected 3 fields (TIMESTAMP,ContextTokens,GeneratedTokens), found 2");
  CHECK(error_of(header + row0 + "2023-11-16 18:15:47.0,374,5,9\r\n", "bad.csv") ==
        "bad.csv:3: expected 3 fields (TIMESTAMP,ContextTokens,GeneratedTokens), found 4");
  CHECK(error_of(header + "2023-11-16 18:15:46.6805900,abc,44", "bad.csv") ==
        "bad.csv:2: field 2 (ContextTokens): 'abc' is not a whole number");
  CHECK(error_of(header + "2023-11-16 18:15:46.6805900,374,-5", "bad.csv") ==
        "bad.csv:2: field 3 (GeneratedTokens): '-5' is negative, expected a whole number");
  CHECK(error_of(header + "2023-11-16 18:15:46.6805900,374,", "bad.csv") ==
        "bad.csv:2: field 3 (GeneratedTokens): empty, expected a whole number");
  CHECK(error_of(header + row0 + "2023-11-16 18:15:47.0,374,0", "bad.csv") ==
        "bad.csv:3: 0 output tokens: a request generates at least 1");
  CHECK(error_of(header + "2023-11-16 18:15:46.6805900,0,3", "bad.csv") ==
        "bad.csv:2: 0 prompt tokens: a request has at least 1");
  CHECK(error_of(header + "2023-11-16 18:15:46.6,99999999999999999999999,3", "bad.csv") ==
        "bad.csv:2: field 2 (ContextTokens): '99999999999999999999999' is too large (more than 2^64 - 1)");
  CHECK(error_of(header + "2023-11-16 18:15:46.6,5000000000,3", "bad.csv") ==
        "bad.csv:2: field 2 (ContextTokens): '5000000000' tokens is more than the limit of 2^32");
  CHECK(error_of(header + "2023-11-16 18:15,374,44", "bad.csv") ==
        "bad.csv:2: field 1 (TIMESTAMP): expected a timestamp YYYY-MM-DD HH:MM:SS.fffffff, found '2023-11-16 18:15'");
  CHECK(error_of(header + "2023-02-30 18:15:46.6805900,374,44", "bad.csv") ==
        "bad.csv:2: field 1 (TIMESTAMP): no such date in the timestamp, found '2023-02-30 18:15:46.6805900'");
}

TEST_CASE("arrivals out of order are refused at the row that goes back", "[serving][errors]") {
  CHECK(error_of(header + row0 + "2023-11-16 18:15:40.0000000,1,1\r\n", "bad.csv") ==
        "bad.csv:3: timestamps out of order: 2023-11-16 18:15:40.0000000 is before the first row's (a trace is "
        "sorted by arrival)");
  CHECK(error_of(header + row0 + "2023-11-16 18:15:50.0,1,1\r\n2023-11-16 18:15:49.5,1,1\r\n", "bad.csv") ==
        "bad.csv:4: timestamps out of order: arrival 2.81941 s is before the previous row's 3.31941 s (a trace is "
        "sorted by arrival)");
  CHECK(error_of("{\"timestamp\": 1000, \"input_length\": 1, \"output_length\": 1}\n"
                 "{\"timestamp\": 500, \"input_length\": 1, \"output_length\": 1}\n",
                 "bad.jsonl") ==
        "bad.jsonl:2: timestamps out of order: arrival 0.5 s is before the previous row's 1 s (a trace is sorted by "
        "arrival)");
}

TEST_CASE("empty traces, unreadable files, long lines and binary bytes", "[serving][errors]") {
  CHECK(error_of("", "empty.csv") == "empty.csv:1: empty trace: no requests");
  CHECK(error_of(header, "empty.csv") == "empty.csv:2: empty trace: no requests");
  CHECK(error_of("\n\n", "empty.jsonl", TraceFormat::mooncake) == "empty.jsonl:3: empty trace: no requests");
  try {
    open_trace("/nonexistent/trace.csv", TraceFormat::auto_detect, 512);
    FAIL("no error");
  } catch (const TraceError& e) {
    CHECK(std::string(e.what()) == "/nonexistent/trace.csv: cannot open: No such file or directory");
    CHECK(e.line() == 0);
  }
  CHECK_THROWS_WITH(open_trace(PJSIM_SOURCE_DIR, TraceFormat::auto_detect, 512),
                    std::string(PJSIM_SOURCE_DIR) + ": cannot open: is a directory");
  CHECK(error_of(std::string(2u << 20, 'a'), "long.csv") ==
        "long.csv:1: line longer than 1 MiB (binary data, or no line breaks?)");
  CHECK(error_of(header + row0 + std::string(2u << 20, '7'), "long.csv") ==
        "long.csv:3: line longer than 1 MiB (binary data, or no line breaks?)");
  const std::string binary = error_of(std::string("\x00\xff\x01\n", 4), "bin.dat");
  CHECK(binary.rfind("bin.dat:1: cannot tell the trace format from the first line '\\x00\\xff\\x01'", 0) == 0);
  CHECK(binary.find('\n') == std::string::npos);
}

TEST_CASE("Mooncake and plain JSONL: a located message for each malformed line", "[serving][errors]") {
  const std::string ok = "{\"timestamp\": 0, \"input_length\": 600, \"output_length\": 2, \"hash_ids\": [1, 2]}\n";
  CHECK(error_of(ok + "{\"timestamp\": 0, \"input_length\": 600", "m.jsonl", TraceFormat::mooncake)
            .rfind("m.jsonl:2: not a JSON object: [json.exception.parse_error.101]", 0) == 0);
  CHECK(error_of(ok + "[1, 2]", "m.jsonl", TraceFormat::mooncake) == "m.jsonl:2: expected a JSON object, found a JSON array");
  CHECK(error_of(ok + "{\"timestamp\": 0, \"input_length\": 600}", "m.jsonl") == "m.jsonl:2: missing field 'output_length'");
  CHECK(error_of(ok + "{\"timestamp\": 0, \"input_length\": 6, \"output_length\": 2, \"ts\": 1}", "m.jsonl") ==
        "m.jsonl:2: unknown field(s) ts (known: timestamp, input_length, output_length, hash_ids)");
  CHECK(error_of("{\"timestamp\": 0, \"timestamp\": 1, \"input_length\": 6, \"output_length\": 2}", "m.jsonl") ==
        "m.jsonl:1: duplicate field 'timestamp'");
  CHECK(error_of("{\"timestamp\": 0, \"input_length\": 1.5, \"output_length\": 2}", "m.jsonl") ==
        "m.jsonl:1: field 'input_length' must be a whole number of tokens, found 1.5");
  CHECK(error_of("{\"timestamp\": -1, \"input_length\": 1, \"output_length\": 2}", "m.jsonl") ==
        "m.jsonl:1: field 'timestamp' must be finite and non-negative, found -1");
  CHECK(error_of("{\"timestamp\": 0, \"input_length\": 600, \"output_length\": 0}", "m.jsonl") ==
        "m.jsonl:1: 0 output tokens: a request generates at least 1");
  CHECK(error_of("{\"timestamp\": 0, \"input_length\": 600, \"output_length\": 2, \"hash_ids\": [1, 2, 3]}", "m.jsonl") ==
        "m.jsonl:1: 3 prefix blocks of 512 tokens, but a prompt of 600 tokens fills only 2");
  CHECK(error_of("{\"timestamp\": 0, \"input_length\": 6, \"output_length\": 2, \"hash_ids\": [1, -2]}", "m.jsonl") ==
        "m.jsonl:1: field 'hash_ids': block id -2 is not a whole number");
  CHECK(error_of("{\"timestamp\": 0, \"hash_ids\": [[[[[[[[[[1]]]]]]]]]]}", "m.jsonl") ==
        "m.jsonl:1: nested deeper than 8 levels");
  CHECK(error_of("{\"arrival_seconds\": 0, \"prompt_tokens\": 6, \"output_tokens\": 2, \"prefix_block_tokens\": 0}",
                 "p.jsonl") == "p.jsonl:1: field 'prefix_block_tokens' must be at least 1");
}

TEST_CASE("plain CSV: columns and fields checked against the header", "[serving][errors]") {
  CHECK(error_of("arrival_seconds,prompt_tokens,output,x\n", "p.csv") ==
        "p.csv:1: unknown column 'output' (known: arrival_seconds, prompt_tokens, output_tokens, prefix_blocks, "
        "prefix_block_tokens)");
  CHECK(error_of("arrival_seconds,prompt_tokens\n0,1\n", "p.csv") == "p.csv:1: missing column 'output_tokens' in the header");
  CHECK(error_of("arrival_seconds,prompt_tokens,prompt_tokens\n", "p.csv") == "p.csv:1: duplicate column 'prompt_tokens'");
  CHECK(error_of("arrival_seconds,prompt_tokens,output_tokens\n0,1,1\n0.5,1\n", "p.csv") ==
        "p.csv:3: expected 3 fields as in the header, found 2");
  CHECK(error_of("arrival_seconds,prompt_tokens,output_tokens\nnan,1,1\n", "p.csv") ==
        "p.csv:2: column arrival_seconds: 'nan' is out of range");
  CHECK(error_of("arrival_seconds,prompt_tokens,output_tokens\n-0.5,1,1\n", "p.csv") ==
        "p.csv:2: column arrival_seconds: '-0.5' is negative");
  CHECK(error_of("arrival_seconds,prompt_tokens,output_tokens\n1e999,1,1\n", "p.csv") ==
        "p.csv:2: column arrival_seconds: '1e999' is out of range");
  CHECK(error_of("arrival_seconds,prompt_tokens,output_tokens\n0x10,1,1\n", "p.csv") ==
        "p.csv:2: column arrival_seconds: '0x10' is not a number");
  CHECK(error_of("arrival_seconds,prompt_tokens,output_tokens,prefix_blocks\n0,1024,1,7 x\n", "p.csv") ==
        "p.csv:2: column prefix_blocks: block id 'x' is not a whole number");
}
