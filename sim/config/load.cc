#include "sim/config/load.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>

#include <fmt/format.h>

#include "sim/config/applicability.h"
#include "sim/config/build.h"
#include "sim/config/flatten.h"
#include "sim/config/mapping_check.h"
#include "sim/config/presets.h"
#include "sim/config/safe_name.h"
#include "sim/config/run_limits.h"
#include "sim/config/values.h"

namespace pjsim::sim {

namespace {

constexpr double gib = 1024.0 * 1024.0 * 1024.0;

// The point's own layer: a file, or (when no file is given or no file of that name exists but
// a point preset does) an embedded point.
std::string add_point_layer(Flattener& flattener, const std::string& point_file, std::string& name,
                            const std::optional<std::string>& point_text) {
  if (point_text) {
    flattener.add_point(parse_yaml(*point_text, point_file), point_file);
    name = safe_name(std::filesystem::path(point_file).stem().string());
    return point_file;
  }
  std::error_code ec;
  const bool is_file = !point_file.empty() && std::filesystem::exists(point_file, ec);
  const std::string preset = point_file.empty() ? "default" : point_file;
  if (!is_file) {
    if (const auto text = preset_text("point", preset)) {
      const std::string file = "preset:" + preset;
      flattener.add_point(parse_yaml(*text, file), file);
      name = preset;
      return file;
    }
  }
  flattener.add_point(parse_yaml(read_text_file(point_file, "design point"), point_file), point_file);
  name = safe_name(std::filesystem::path(point_file).stem().string());
  return point_file;
}

std::string gib_text(double bits) { return fmt::format("{:.2f} GiB", bits / 8 / gib); }

}  // namespace

std::string config_hash_of(const std::string& text) {
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a 64-bit offset basis and prime (Fowler, Noll, Vo)
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

void check_fits(const DesignPoint& p) {
  const auto& m = p.workload.model;
  const auto& w = p.workload;
  // Stored bits per weight: the format plus its group scales (docs/precision.md).
  const double weight_bits_per = workloads::bits_per_element(w.precision.weights) +
                                 (w.precision.group_size ? workloads::bits_per_element(w.precision.scale) /
                                                               static_cast<double>(w.precision.group_size)
                                                         : 0.0);
  // Estimate in double first: with extreme (in-range) shapes the exact integer counts overflow 64 bits.
  double positions = static_cast<double>(w.context_tokens + w.prompt_tokens + w.steps) * static_cast<double>(w.batch);
  for (const workloads::PrefillChunk& c : w.chunks) positions += static_cast<double>(c.prior + c.tokens);  // mixed
  const double kv_estimate = 2.0 * m.num_hidden_layers * m.num_key_value_heads * m.head_dim * positions *
                             workloads::bits_per_element(w.precision.kv);
  const double weight_estimate = static_cast<double>(m.num_hidden_layers) * (4.0 * m.hidden_size * m.q_width() +
                                 3.0 * m.hidden_size * std::max<double>({static_cast<double>(m.intermediate_size), static_cast<double>(m.expert_intermediate_size()), static_cast<double>(m.shared_expert_intermediate_size)}) *
                                 (1.0 + static_cast<double>(m.num_experts))) + 2.0 * m.hidden_size * m.vocab_size;
  double weights = weight_estimate * weight_bits_per;
  double kv = kv_estimate;
  if (kv_estimate < 1e18 && weight_estimate < 1e18) {
    weights = static_cast<double>(m.weight_params() + m.embedding_params() + m.norm_params()) * weight_bits_per;
    kv = static_cast<double>(workloads::kv_cache_bits(w));
  }
  // Speculative decoding: the draft model's weights and KV cache live beside the target's.
  if (w.speculative.enabled()) {
    const auto& d = w.speculative.draft;
    weights += static_cast<double>(d.total_params()) * weight_bits_per;
    kv += static_cast<double>(workloads::draft_kv_cache_bits(w));
  }
  const double capacity_bits = p.arch.chip.hbm.capacity_bytes * 8;
  if (weights + kv <= capacity_bits) return;
  fail_at(p.hbm_capacity_location, "arch.chip.hbm.capacity",
          fmt::format("impossible design: weights {} + KV cache {} = {} do not fit in arch.chip.hbm.capacity ({}); "
                      "short by {}",
                      gib_text(weights), gib_text(kv), gib_text(weights + kv), gib_text(capacity_bits),
                      gib_text(weights + kv - capacity_bits)));
}

namespace {
std::uint64_t chips_of(const models::ArchParams& arch) {
  std::uint64_t chips = 1;
  for (std::uint64_t d : arch.topology.dims) chips *= d;
  return chips;
}
}  // namespace

DesignPoint load_design_point(const LoadRequest& req) {
  FlatConfig flat;
  Flattener flattener(flat);
  DesignPoint p;
  const std::string file = add_point_layer(flattener, req.point_file, p.name, req.point_text);
  if (!req.arch.empty()) flattener.replace_section("arch", req.arch);
  if (!req.workload.empty()) flattener.replace_section("workload", req.workload);
  for (std::size_t i = 0; i < req.sets.size(); ++i)
    flattener.add_set(req.sets[i], i < req.set_locations.size() ? req.set_locations[i] : Location{"--set"});

  Values values = read_values(flat, file);
  if (values.at("name").present) {
    check_safe_name(values.at("name").text, values.at("name").where, "name");
    p.name = values.at("name").text;
  }
  p.arch = build_arch(values);
  p.area = build_area(values);
  p.workload = build_workload(values);
  check_settings_apply(values, p.workload);
  check_precision_prices(values, p.arch, p.workload);
  p.hbm_capacity_location = values.at("arch.chip.hbm.capacity").where;
  p.sram_capacity_location = values.at("arch.core.sram.capacity").where;
  p.cores_location = values.at("arch.chip.cores").where;
  p.hbm_bandwidth_location = values.at("arch.chip.hbm.bandwidth").where;
  p.frequency_location = values.at("arch.chip.frequency").where;
  values["name"].present = true;
  values["name"].text = p.name;
  p.serving = build_serving(values);
  p.resolved = resolved_json(values);
  p.serving_resolved = p.resolved["serving"];
  p.resolved.erase("serving");
  p.config_hash = config_hash_of(p.resolved.dump());
  check_run_size(values, p);  // before anything plans: planning lowers every op
  check_mapping(values, p);
  if (chips_of(p.arch) == 1 && !p.serving.step_of_replay) check_fits(p);
  return p;
}

std::string serve_config_hash(const DesignPoint& point) {
  return config_hash_of(point.resolved.dump() + "\nserving:" + point.serving_resolved.dump());
}

}  // namespace pjsim::sim
