#include "reports/roofline.h"

#include <optional>
#include <string>

#include "workloads/precision.h"

namespace pjsim::reports {

// Canonical quantities are "<number> <unit>" ("1050000000 Hz"); integers are plain numbers.
double config_number(const nlohmann::json& config, const char* pointer) {
  const auto ptr = nlohmann::json::json_pointer(pointer);
  if (!config.is_object() || !config.contains(ptr)) return 0;
  const auto& v = config.at(ptr);
  if (v.is_number()) return v.get<double>();
  if (v.is_object() && v.contains("value")) return config_number(v, "/value");
  if (!v.is_string()) return 0;
  try {
    return std::stod(v.get<std::string>());
  } catch (const std::exception&) {
    return 0;
  }
}

namespace {

std::optional<workloads::Precision> precision_at(const nlohmann::json& config, const char* pointer) {
  const auto ptr = nlohmann::json::json_pointer(pointer);
  if (!config.is_object() || !config.contains(ptr) || !config.at(ptr).is_string()) return std::nullopt;
  return workloads::parse_precision(config.at(ptr).get<std::string>());
}

// MACs per PE per cycle of the weight gemms' precision (arch.core.array.macs_per_cycle); 1 when
// the array declares no rates.
double rate_of(const nlohmann::json& config) {
  const auto w = precision_at(config, "/workload/precision/weights");
  const auto a = precision_at(config, "/workload/precision/activations");
  if (!w || !a) return 1;
  const std::string key = "/arch/core/array/macs_per_cycle/" + workloads::to_string(workloads::mac_precision(*w, *a));
  const double rate = config_number(config, key.c_str());
  return rate > 0 ? rate : 1;
}

}  // namespace

Roofline roofline_of(const nlohmann::json& config, double chips) {
  Roofline r;
  r.peak_macs_per_s = chips * config_number(config, "/arch/chip/cores") * config_number(config, "/arch/core/matrix_units") *
                      config_number(config, "/arch/core/array/rows") * config_number(config, "/arch/core/array/cols") *
                      config_number(config, "/arch/chip/frequency") * rate_of(config);
  r.hbm_bytes_per_s = chips * config_number(config, "/arch/chip/hbm/bandwidth");
  const auto ptr = nlohmann::json::json_pointer("/workload/precision/weights");
  if (config.is_object() && config.contains(ptr) && config.at(ptr).is_string())
    if (const auto p = workloads::parse_precision(config.at(ptr).get<std::string>()))
      r.bytes_per_weight = workloads::bits_per_element(*p) / 8;
  const double cores = chips * config_number(config, "/arch/chip/cores");
  r.vector_ops_per_s = cores * config_number(config, "/arch/core/vector/lanes") * config_number(config, "/arch/chip/frequency");
  r.sram_bytes_per_s = cores * config_number(config, "/arch/core/sram/bandwidth");
  r.link_bytes_per_s = config_number(config, "/arch/topology/link/bandwidth");
  if (r.hbm_bytes_per_s > 0 && r.bytes_per_weight > 0)
    r.critical_batch = r.peak_macs_per_s / (r.hbm_bytes_per_s / r.bytes_per_weight);
  return r;
}

}  // namespace pjsim::reports
