#include "workloads/precision.h"

#include <algorithm>

namespace pjsim::workloads {

double bits_per_element(Precision p) {
  switch (p) {
    case Precision::fp32: return 32;
    case Precision::bf16:
    case Precision::fp16: return 16;
    case Precision::fp8_e4m3:
    case Precision::fp8_e5m2:
    case Precision::int8: return 8;
    case Precision::int4: return 4;
    case Precision::ternary: return 1.6;
  }
  return 0;
}

std::string to_string(Precision p) {
  switch (p) {
    case Precision::fp32: return "fp32";
    case Precision::bf16: return "bf16";
    case Precision::fp16: return "fp16";
    case Precision::fp8_e4m3: return "fp8_e4m3";
    case Precision::fp8_e5m2: return "fp8_e5m2";
    case Precision::int8: return "int8";
    case Precision::int4: return "int4";
    case Precision::ternary: return "ternary";
  }
  return "?";
}

const std::vector<Precision>& all_precisions() {
  static const std::vector<Precision> all = {Precision::fp32,     Precision::bf16,     Precision::fp16,
                                             Precision::fp8_e4m3, Precision::fp8_e5m2, Precision::int8,
                                             Precision::int4,     Precision::ternary};
  return all;
}

std::optional<Precision> parse_precision(const std::string& name) {
  if (name == "fp8") return Precision::fp8_e4m3;
  for (Precision p : all_precisions())
    if (to_string(p) == name) return p;
  return std::nullopt;
}

namespace {
bool is_integer(Precision p) {
  return p == Precision::int8 || p == Precision::int4 || p == Precision::ternary;
}
}  // namespace

Precision mac_precision(Precision weights, Precision activations) {
  if (is_integer(weights) && is_integer(activations))
    return bits_per_element(weights) >= bits_per_element(activations) ? weights : activations;
  if (is_integer(weights)) return activations;  // dequantised to the activation format
  if (is_integer(activations)) return weights;
  return bits_per_element(weights) >= bits_per_element(activations) ? weights : activations;
}

}  // namespace pjsim::workloads
