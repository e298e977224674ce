#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "sim/run/plan.h"

namespace fs = std::filesystem;
using pjsim::sim::load_valid_point;
using pjsim::sim::LoadRequest;
using pjsim::sim::UserError;

namespace {

// Each file gets every check `pjsim validate` makes (load and plan). Every tests/errors/*.yaml starts with "# expect: <substring of the one-line message>".
std::string expected_message(const fs::path& file) {
  std::ifstream in(file);
  std::string first;
  std::getline(in, first);
  const std::string tag = "# expect: ";
  REQUIRE(first.compare(0, tag.size(), tag) == 0);
  return first.substr(tag.size());
}

std::string error_of(const LoadRequest& req) {
  try {
    load_valid_point(req);
  } catch (const UserError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string error_of_file(const std::string& path) {
  LoadRequest req;
  req.point_file = path;
  return error_of(req);
}

std::vector<fs::path> error_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(std::string(PJSIM_SOURCE_DIR) + "/tests/errors"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("every bad input gives its expected one-line located message", "[errors]") {
  const auto files = error_files();
  REQUIRE(files.size() >= 13);
  for (const auto& file : files) {
    const std::string message = error_of_file(file.string());
    INFO(file.filename().string() << " -> " << message);
    CHECK_THAT(message, Catch::Contains(expected_message(file)));
    CHECK(message.find('\n') == std::string::npos);
    // Located in the file itself: "<file>:<line>:<col>: ..."
    const std::regex located("^" + std::regex_replace(file.string(), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                             ":[1-9][0-9]*:[1-9][0-9]*: .+");
    CHECK(std::regex_match(message, located));
  }
}

TEST_CASE("a missing file names the file", "[errors]") {
  CHECK(error_of_file("/no/such/point.yaml") == "/no/such/point.yaml: cannot read file");
  LoadRequest req;
  req.arch = "/no/such/arch.yaml";
  CHECK(error_of(req) == "/no/such/arch.yaml: cannot read file");
}

TEST_CASE("bad --set overrides are located at --set", "[errors]") {
  LoadRequest req;
  req.sets = {"arch.chip.corse=4"};
  CHECK(error_of(req) == "--set: arch.chip.corse: unknown key; did you mean 'cores'?");
  req.sets = {"workload.batch"};
  CHECK(error_of(req) == "--set: expected key.path=value, got 'workload.batch'");
  req.sets = {"workload.batch=0"};
  CHECK(error_of(req) == "--set: workload.batch: '0' is out of range 1..1048576 outside a mixed step (batch 0 is allowed only with workload.phase: mixed and chunks)");
  req.sets = {"arch.chip.hbm.capacity=32 Mb"};
  CHECK_THAT(error_of(req), Catch::StartsWith("--set: arch.chip.hbm.capacity: 'Mb' is in bits"));
  req.sets = {"workload.model=llama-9"};
  CHECK(error_of(req) ==
        "--set: workload.model: unknown model preset 'llama-9'; known: access, gemm, llama-2-13b, llama-2-7b, llama-3-70b, llama-3-8b, mixtral-8x7b, qwen3-30b-a3b, tiny-llama");
  req.sets = {"workload.batch=[1"};
  CHECK_THAT(error_of(req), Catch::StartsWith("--set:1:"));
  CHECK_THAT(error_of(req), Catch::Contains("malformed YAML"));
}

TEST_CASE("the impossible design is located where the capacity was set", "[errors]") {
  LoadRequest req;
  req.sets = {"workload.batch=4096"};
  CHECK_THAT(error_of(req), Catch::StartsWith("preset:tpu-v4-like:"));
  req.sets = {"workload.batch=4096", "arch.chip.hbm.capacity=40 GiB"};
  CHECK_THAT(error_of(req), Catch::StartsWith("--set: arch.chip.hbm.capacity: impossible design: "));
}
