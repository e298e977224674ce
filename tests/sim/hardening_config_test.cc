// Issue 17's config-layer holes, each a regression test (docs/robustness.md): a key set twice in a
// point (nested and dotted) or by two study axes, a second YAML document, names that would write
// outside the output folder, --set paths with empty parts, settings the workload would not read,
// config.json duplicates, MoE fields under a dense model_type, expert counts that disagree, huge
// numbers, and the config.json's path in the report.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "sim/config/errors.h"
#include "sim/config/load.h"
#include "sim/config/safe_name.h"
#include "sim/study/spec.h"
#include "study_files.h"

using pjsim::sim::LoadRequest;
using pjsim::sim::UserError;
using pjsim::testing::TempDir;
using pjsim::testing::write_text;

namespace {

std::string error_of(const LoadRequest& req) {
  try {
    pjsim::sim::load_design_point(req);
  } catch (const UserError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string point_error(const std::string& text, const std::string& file = "point.yaml") {
  LoadRequest req;
  req.point_file = file;
  req.point_text = text;
  return error_of(req);
}

std::string set_error(const std::string& set) {
  LoadRequest req;
  req.sets = {set};
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

const std::string kArch = "arch: tpu-v4-like\n";

}  // namespace

TEST_CASE("a key written twice in one point, nested and dotted, is a duplicate", "[errors]") {
  CHECK(point_error(kArch + "workload: {model: tiny-llama, batch: 4, context_tokens: 16}\nworkload.batch: 8\n") ==
        "point.yaml:3:1: workload.batch: duplicate key: already set at point.yaml:2:31");
  CHECK(point_error(kArch + "workload.precision.weights: int8\nworkload: {model: tiny-llama, context_tokens: 16, "
                            "precision: {weights: int4}}\n") ==
        "point.yaml:3:63: workload.precision.weights: duplicate key: already set at point.yaml:2:1");
  // A preset under the point's keys is not a duplicate, and --set twice is the documented override.
  CHECK(point_error(kArch + "workload: {base: null, model: tiny-llama, context_tokens: 16}\n") != "(no error)");
  LoadRequest twice;
  twice.sets = {"workload.batch=4", "workload.batch=8"};
  CHECK(error_of(twice) == "(no error)");
  CHECK(pjsim::sim::load_design_point(twice).workload.batch == 8);
}

TEST_CASE("a second YAML document is refused, not ignored", "[errors]") {
  CHECK_THAT(point_error(kArch + "workload: {model: tiny-llama, context_tokens: 16}\n---\nname: b\n"),
             Catch::StartsWith("point.yaml:3:1: a second YAML document"));  // at its `---`
  CHECK_THAT(set_error("workload.batch=4\n---\n8"), Catch::Contains("a second YAML document"));
  CHECK_THAT(study_error("study: s\npoints: [{workload.batch: 2}]\n---\nstudy: t\n"), Catch::Contains("a second YAML document"));
}

TEST_CASE("override paths (--set) with an empty part are errors, not silent no-ops", "[errors]") {
  CHECK(set_error("workload.=4") == "--set: workload.: a key path has no empty part: expected key.path=value, e.g. workload.batch=8");
  CHECK(set_error(".=4") == "--set: .: a key path has no empty part: expected key.path=value, e.g. workload.batch=8");
  CHECK_THAT(set_error("workload..batch=4"), Catch::Contains("no empty part"));
}

TEST_CASE("names that would leave the output folder are refused; derived names are made safe", "[errors]") {
  for (const std::string bad : {"../../../x", "..", ".", ".hidden", "-rf", "a/b", "a b", "a\nb", "\x1b[31mred"})
    CHECK_THAT(set_error("name=\"" + bad + "\""), Catch::Contains("cannot name a folder"));
  CHECK(set_error("name=llama-3-8b_b16.v2") == "(no error)");
  CHECK_THAT(study_error("study: \"../../x\"\npoints: [{workload.batch: 2}]\n"),
             Catch::StartsWith("study.yaml:1:8: study: '../../x' cannot name a folder"));
  CHECK(pjsim::sim::safe_name("../x\n") == "_._x_");
  CHECK(pjsim::sim::safe_name("") == "_");
  CHECK(pjsim::sim::is_safe_name(pjsim::sim::safe_name(std::string(300, '/'))));
  TempDir dir;
  const std::string point = write_text(dir / "my point.yaml", kArch + "workload: {model: tiny-llama, context_tokens: 16}\n");
  LoadRequest req;
  req.point_file = point;
  CHECK(pjsim::sim::load_design_point(req).name == "my_point");
}

TEST_CASE("a study that sets one key on two axes, or a key and its section, names both places", "[errors]") {
  CHECK(study_error("study: s\naxes:\n  workload.batch: [1, 2]\nzip:\n  - {workload.batch: [4, 8]}\n") ==
        "study.yaml:5:6: workload.batch: is already varied at study.yaml:3:3: a key may be set by one axis or zip group only");
  CHECK(study_error("study: s\naxes:\n  workload.precision.weights: [int8]\n  workload.precision: [{weights: bf16}]\n") ==
        "study.yaml:4:3: workload.precision: overlaps workload.precision.weights, varied at study.yaml:3:3: a key may be "
        "set by one axis or zip group only");
  CHECK(study_error("study: s\naxes:\n  workload.batch: [1]\n  workload.batches_x: [1]\n") != "(no error)");  // unknown key
  CHECK(study_error("study: s\naxes:\n  workload.batch: [1]\n  workload.context_tokens: [8]\n") == "(no error)");
}

TEST_CASE("settings the workload would not read are refused, naming why", "[errors]") {
  const std::string dense = "workload:\n  model: tiny-llama\n  context_tokens: 16\n";
  CHECK_THAT(point_error(kArch + dense + "  routing: {seed: 3}\n"),
             Catch::Contains("workload.routing.seed: only read for a model with experts"));
  CHECK_THAT(point_error(kArch + dense + "  access: {tier: hbm}\n"),
             Catch::Contains("workload.access.tier: only read with workload.model: access"));
  CHECK_THAT(point_error(kArch + dense + "  speculative: {acceptance: 0.5}\n"),
             Catch::Contains("workload.speculative.acceptance: only read with workload.speculative.draft_tokens > 0"));
  CHECK_THAT(point_error(kArch + dense + "  prompt_tokens: 64\n"), Catch::Contains("workload.prompt_tokens: only read in prefill"));
  CHECK_THAT(point_error(kArch + "workload:\n  model: {base: tiny-llama, shared_expert_intermediate_size: 64}\n  context_tokens: 16\n"),
             Catch::Contains("workload.model.shared_expert_intermediate_size: only read for a model with experts"));
  // Where they apply, they are read.
  CHECK(point_error(kArch + "workload:\n  model: qwen3-30b-a3b\n  context_tokens: 16\n  precision: {weights: int8}\n  routing: {mode: skewed}\n") == "(no error)");
  CHECK(point_error(kArch + "workload:\n  model: tiny-llama\n  phase: prefill\n  prompt_tokens: 16\n") == "(no error)");
}

TEST_CASE("config.json: duplicates, MoE fields under a dense type, disagreeing counts and huge numbers are refused",
          "[errors]") {
  TempDir dir;
  const std::string fields = R"("hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 128, "vocab_size": 256)";
  const auto load = [&](const std::string& json) {
    write_text(dir / "m.json", json);
    return point_error(kArch + "workload: {context_tokens: 16, model: {config_json: m.json}}\n", dir / "p.yaml");
  };
  CHECK_THAT(load(R"({"model_type": "llama", "hidden_size": 32, )" + fields + "}"),
             Catch::Contains("duplicate key 'hidden_size' in a JSON object"));
  CHECK_THAT(load(R"({"model_type": "llama", "num_local_experts": 8, "num_experts_per_tok": 2, )" + fields + "}"),
             Catch::Contains("field 'num_local_experts' is a mixture-of-experts field, but model_type 'llama' is dense"));
  CHECK_THAT(load(R"({"model_type": "mixtral", "num_local_experts": 8, "num_experts": 16, "num_experts_per_tok": 2, )" + fields + "}"),
             Catch::Contains("fields 'num_local_experts' (8) and 'num_experts' (16) disagree"));
  const std::string huge = load(R"({"model_type": "llama", "rope_theta": 1e400, )" + fields + "}");
  CHECK_THAT(huge, Catch::Contains("malformed JSON"));
  // Errors name the YAML key that asked for the file.
  CHECK_THAT(huge, Catch::Contains("(read for workload.model.config_json at " + dir / "p.yaml" + ":2:"));
}

TEST_CASE("the same config.json by two paths gives the same config and no path in it", "[errors]") {
  TempDir dir;
  write_text(dir / "a/m.json", R"({"model_type": "llama", "hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 128, "vocab_size": 256})");
  std::filesystem::create_directories(dir / "b");
  std::filesystem::copy_file(dir / "a/m.json", dir / "b/copy.json");
  const auto load = [&](const std::string& json) {
    LoadRequest req;
    req.point_file = dir / "p.yaml";
    req.point_text = kArch + "workload: {context_tokens: 16, model: {config_json: \"" + json + "\"}}\n";
    return pjsim::sim::load_design_point(req);
  };
  const auto a = load("a/m.json");
  const auto b = load(dir / "b/copy.json");
  CHECK(a.config_hash == b.config_hash);
  const std::string stored = a.resolved["workload"]["model"]["config_json"].get<std::string>();
  CHECK_THAT(stored, Catch::StartsWith("fnv1a64:"));
  CHECK(a.resolved.dump().find(dir.str()) == std::string::npos);
}
