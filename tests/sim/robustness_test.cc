// Absurd input never crashes, hangs or exhausts memory: huge files, huge --set arguments, deep
// nesting, alias bombs, megabyte scalars and keys, studies that would expand to millions of
// points. Each gets a one-line error naming the file (and key) and exit code 2
// (docs/robustness.md; the per-value cases are tests/errors/*.yaml).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "run_pjsim.h"
#include "sim/config/errors.h"
#include "sim/config/load.h"
#include "sim/config/schema.h"
#include "sim/study/spec.h"
#include "study_files.h"

using pjsim::sim::LoadRequest;
using pjsim::sim::UserError;
using pjsim::testing::read_file;
using pjsim::testing::run_pjsim;
using pjsim::testing::TempDir;
using pjsim::testing::write_text;

namespace {

bool one_line(const std::string& text) { return !text.empty() && text.find('\n') == text.size() - 1; }

std::string error_of(const LoadRequest& req) {
  try {
    pjsim::sim::load_design_point(req);
  } catch (const UserError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string point_error(const std::string& text) {
  LoadRequest req;
  req.point_file = "point.yaml";
  req.point_text = text;
  return error_of(req);
}

std::string study_error(const std::string& text) {
  try {
    pjsim::sim::parse_study(text, "study.yaml");
  } catch (const UserError& e) {
    return e.what();
  }
  return "(no error)";
}

const std::string kPoint = "arch: tpu-v4-like\nworkload: {model: tiny-llama, context_tokens: 16}\n";

}  // namespace

TEST_CASE("a 10 GiB file is refused by its size before it is read", "[sim][robustness]") {
  TempDir dir;
  const std::string big = dir / "big.yaml";
  write_text(big, "");
  std::filesystem::resize_file(big, std::uintmax_t{10} << 30);  // sparse: no disk used
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  const std::string point_limit = big + ": file is 10.0 GiB; design point files are limited to 16 MiB";
  for (const Case& c : std::vector<Case>{
           {{"validate", big}, point_limit},
           {{"run", big}, point_limit},
           {{"run", "--arch", big}, big + ": file is 10.0 GiB; arch files are limited to 16 MiB"},
           {{"sweep", big, "--out", dir / "out"}, big + ": file is 10.0 GiB; study files are limited to 16 MiB"},
       }) {
    INFO(c.args[0] << " " << c.args[1]);
    const auto run = run_pjsim(c.args);
    CHECK(run.exit_code == 2);
    CHECK(one_line(run.err));
    CHECK_THAT(run.err, Catch::Contains(c.expected));
  }
  // Just over the limit, also refused; the limit itself is accepted as far as size goes.
  std::filesystem::resize_file(big, (std::uintmax_t{16} << 20) + 1);
  CHECK_THAT(run_pjsim({"validate", big}).err, Catch::Contains("file is 16.0 MiB; design point files are limited to 16 MiB"));
}

TEST_CASE("a --set argument longer than 64 KiB is refused", "[sim][robustness]") {
  const auto run = run_pjsim({"run", "--set", "description=" + std::string(80 * 1024, 'x')});
  CHECK(run.exit_code == 2);
  CHECK(one_line(run.err));
  CHECK_THAT(run.err, Catch::Contains("--set: description: argument is 80.0 KiB; --set arguments are limited to 64 KiB"));
  LoadRequest req;
  req.sets = {"workload.batch=" + std::string(10 << 20, '1')};
  CHECK_THAT(error_of(req), Catch::Contains("argument is 10.0 MiB; --set arguments are limited to 64 KiB"));
}

TEST_CASE("deeply nested YAML is refused without overflowing the stack", "[sim][robustness]") {
  for (const char* open : {"[", "{", "- "}) {
    INFO(open);
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += open;
    const std::string message = point_error("description: " + deep + "\n");
    CHECK(message.find('\n') == std::string::npos);
    CHECK_THAT(message, Catch::StartsWith("point.yaml:"));
    if (open != std::string("- ")) CHECK_THAT(message, Catch::Contains("lists and maps nested more than 64 levels deep"));
    CHECK_THAT(study_error("study: s\npoints: " + deep + "\n"), Catch::StartsWith("study.yaml:"));
  }
  // Past 64 levels and below yaml-cpp's own limit: pjsim's check, with its message.
  CHECK_THAT(point_error("description: " + std::string(65, '[') + std::string(65, ']') + "\n"),
             Catch::Contains("lists and maps nested more than 64 levels deep"));
  TempDir dir;
  const auto run = run_pjsim({"validate", write_text(dir / "deep.yaml", "description: " + std::string(100000, '[') + "\n")});
  CHECK(run.exit_code == 2);
  CHECK(one_line(run.err));
}

TEST_CASE("YAML aliases cannot expand into billions of values", "[sim][robustness]") {
  std::string text = kPoint + "description:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    text += "  - &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  CHECK_THAT(point_error(text), Catch::Contains("more than 250000 YAML values (an alias counts at each use)"));
  CHECK_THAT(study_error("study: s\naxes:\n  description: " + text.substr(text.find("\n  - &a0")) + "\n"),
             Catch::Contains("more than 250000 YAML values"));
}

TEST_CASE("megabyte scalars and keys give short one-line errors", "[sim][robustness]") {
  const std::string digits(300000, '7');
  CHECK_THAT(point_error("arch: tpu-v4-like\nworkload: {model: tiny-llama, context_tokens: 16, batch: " + digits + "}\n"),
             Catch::Contains("workload.batch: expected an integer in 0..1048576, got a text of 300000 characters"));
  CHECK_THAT(point_error("arch: {base: tpu-v4-like, chip: {frequency: \"" + digits + " MHz\"}}\n"),
             Catch::Contains("arch.chip.frequency: cannot read a text of 300004 characters as a quantity"));
  CHECK_THAT(point_error("arch: tpu-v4-like\nworkload: {model: tiny-llama, context_tokens: 16, routing: {skew: " + digits + "}}\n"),
             Catch::Contains("workload.routing.skew: expected a number in 0..16, got a text of 300000 characters"));
  const std::string key(1 << 20, 'k');  // an explicit key: YAML allows implicit ones of 1024 characters
  const std::string message = point_error(kPoint + "? " + key + "\n: 1\n");
  CHECK(message.size() < 2100);
  CHECK_THAT(message, Catch::Contains("bytes cut"));
  CHECK_THAT(message, Catch::EndsWith("unknown key; valid keys: arch, description, name, serving, workload"));
}

TEST_CASE("control characters in user text stay escaped in the one-line message", "[sim][robustness]") {
  const std::string message = point_error(kPoint + "\"bad\\nkey\\r\\x01\": 1\n");
  CHECK(message.find('\n') == std::string::npos);
  CHECK(message.find('\r') == std::string::npos);
  CHECK_THAT(message, Catch::Contains("bad\\nkey\\r\\x01: unknown key"));
  // Bytes that are not UTF-8 (here from a --set key, which is not YAML-checked) are escaped too.
  LoadRequest req;
  req.sets = {"\xff\xfe=1"};
  CHECK(error_of(req) == "--set: \\xff\\xfe: unknown key; valid keys: arch, description, name, workload");
}

TEST_CASE("config.json files are read within the same limits", "[sim][robustness]") {
  TempDir dir;
  const auto load = [&](const std::string& json) {
    return point_error("arch: tpu-v4-like\nworkload: {context_tokens: 16, model: {config_json: \"" + json + "\"}}\n");
  };
  CHECK_THAT(load("/dev/zero"), Catch::Contains("/dev/zero: cannot read file"));
  CHECK_THAT(load(write_text(dir / "deep.json", std::string(100000, '[') + std::string(100000, ']'))),
             Catch::Contains("deep.json: JSON nested more than 64 levels deep"));
  const std::string big = dir / "big.json";
  write_text(big, "");
  std::filesystem::resize_file(big, std::uintmax_t{1} << 32);
  CHECK_THAT(load(big), Catch::Contains("big.json: file is 4.0 GiB; config.json files are limited to 16 MiB"));
}

TEST_CASE("a study that would expand to millions of points is refused when parsed", "[sim][robustness]") {
  std::string values = "[";
  for (int i = 1; i <= 10; ++i) values += (i > 1 ? ", " : "") + std::to_string(i);
  values += "]";
  std::string axes;
  for (const char* key : {"workload.batch", "workload.steps", "workload.context_tokens", "arch.chip.cores",
                          "arch.core.dma.buffers", "workload.routing.seed"})
    axes += std::string("  ") + key + ": " + values + "\n";
  const std::string text = "study: big\naxes:\n" + axes;
  CHECK_THAT(study_error(text), Catch::Contains("study.yaml:3:3: axes: the study expands to 1000000 points"));
  CHECK_THAT(study_error(text), Catch::Contains("a study is limited to 100000"));

  // So many axes that the product overflows 64 bits: still a clean error.
  std::string many;
  int n = 0;
  for (const auto& row : pjsim::sim::schema())
    if (n < 70) many += "  " + row.path + ": [a, b]\n", ++n;
  REQUIRE(n == 70);
  CHECK_THAT(study_error("study: s\naxes:\n" + many), Catch::Contains("expands to more than"));

  // Few points, but each holds a large value: the settings of all points are bounded too.
  std::string batch = "[";
  for (int i = 1; i <= 1000; ++i) batch += (i > 1 ? ", " : "") + std::to_string(i);
  batch += "]";
  std::string long_values = "[";
  for (int i = 0; i < 100; ++i) long_values += (i ? ", " : "") + std::string("d") + std::to_string(i) + std::string(4000, 'x');
  long_values += "]";
  CHECK_THAT(study_error("study: s\naxes:\n  workload.batch: " + batch + "\n  description: " + long_values + "\n"),
             Catch::Contains("of settings (values x points); a study is limited to 256 MiB"));

  TempDir dir;
  const auto run = run_pjsim({"sweep", write_text(dir / "big.yaml", text), "--out", dir / "out"});
  CHECK(run.exit_code == 2);
  CHECK(one_line(run.err));
  CHECK_THAT(run.err, Catch::Contains("the study expands to 1000000 points"));
  CHECK_FALSE(std::filesystem::exists(dir / "out"));
}

TEST_CASE("filters over a large product are bounded", "[sim][robustness]") {
  std::string batch = "[";
  for (int i = 1; i <= 1000; ++i) batch += (i > 1 ? ", " : "") + std::to_string(i);
  batch += "]";
  std::string filters;
  for (int i = 0; i < 1100; ++i) filters += "  - skip_if: {workload.batch: " + std::to_string(i) + ", workload.steps: 1}\n";
  const std::string text = "study: s\naxes:\n  workload.batch: " + batch + "\n  workload.steps: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"
                           "  workload.context_tokens: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nfilters:\n" + filters;
  CHECK_THAT(study_error(text), Catch::Contains("filters: 3300 filter conditions over 100000 combinations"));
}

TEST_CASE("a run past the simulated clock's range fails after simulating instead of reporting a wrapped time",
          "[sim][robustness]") {
  // The weights fit in SRAM, so the estimate before simulating sees no HBM traffic; the 16 GiB
  // KV cache read at 1 MB/s needs 17000 s, past the femtosecond clock's 9223 s.
  const auto run = run_pjsim({"run", "--set", "workload.model=tiny-llama", "--set", "workload.batch=1024", "--set",
                              "workload.context_tokens=16384", "--set", "arch.chip.hbm.bandwidth=1 MB/s"});
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.err, Catch::StartsWith("error: --set: arch.chip.hbm.bandwidth: the run needs at least 1.7"));
  CHECK_THAT(run.err, Catch::Contains("pjsim simulates at most 9000 s (its femtosecond clock overflows past 9223 s)"));
  CHECK(run.report_text.empty());
}

TEST_CASE("running out of memory while simulating is one line and exit 2, not a SystemC dump", "[sim][robustness]") {
#ifdef PJSIM_SANITIZED
  WARN("skipped: AddressSanitizer reserves terabytes of address space, so an address-space limit cannot apply");
#else
  // 256 cores x 2 threads of SystemC stacks do not fit in 130 MB of address space.
  const auto run = run_pjsim({"run", "--set", "arch.chip.cores=256"}, "prlimit --as=130000000 ");
  CHECK(run.exit_code == 2);
  CHECK(one_line(run.err));
  CHECK_THAT(run.err, Catch::StartsWith("error: the simulation of 1 chip(s) x 256 core(s) ran out of memory"));
#endif
}

TEST_CASE("a megabyte axis value is cut in tables and pages, not copied into every row", "[sim][robustness]") {
  TempDir dir;
  const std::string huge(1 << 20, 'm');
  const std::string study = write_text(dir / "huge.yaml", "study: huge\nbase: default\nset: {workload.context_tokens: 64}\naxes:\n"
                                                          "  workload.model: [\"" + huge + "\", tiny-llama]\n");
  const auto run = run_pjsim({"sweep", study, "-j", "2", "--out", dir / "out", "--quiet"});
  CHECK(run.exit_code == 3);  // the huge value names no model; the other point runs
  const std::string csv = read_file(dir / "out/results.csv");
  CHECK(csv.size() < 20000);
  CHECK(csv.find("... [1048576 bytes, fnv1a64:") != std::string::npos);
  CHECK(csv.find("tiny-llama") != std::string::npos);
  std::error_code ec;
  CHECK(std::filesystem::file_size(dir / "out/results.json", ec) < 40000);
  CHECK(std::filesystem::file_size(dir / "out/report.html", ec) < 8000000);  // the page with its inlined charting library
  const std::size_t cut = pjsim::sim::shown_overrides({{"k", huge}}).front().value.size();
  CHECK(cut < pjsim::sim::kShownValueBytes);
  CHECK(pjsim::sim::shown_overrides({{"k", huge}}).front().value != pjsim::sim::shown_overrides({{"k", huge + "x"}}).front().value);
}

TEST_CASE("runs past the tile and on-chip transfer budgets are refused before anything is allocated", "[sim][robustness]") {
  // A 4M-token prompt: one attention op alone would make billions of tiles.
  const auto prompt = run_pjsim({"run", "--set", "workload.model=tiny-llama", "--set", "workload.batch=1", "--set",
                                 "workload.phase=prefill", "--set", "workload.prompt_tokens=4194304"});
  CHECK(prompt.exit_code == 2);
  CHECK(prompt.err.find("tiles on a core; pjsim allows at most 2e+06 per op") != std::string::npos);
  // 1024 cores gather every op's output from every other core: 1024 x 1023 transfers per op.
  const auto cores = run_pjsim({"run", "--set", "arch.chip.cores=1024"});
  CHECK(cores.exit_code == 2);
  CHECK(cores.err.find("arch.chip.cores: the run makes about 3.7e+08 on-chip transfers") != std::string::npos);
}
