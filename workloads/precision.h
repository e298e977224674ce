// Number formats of weights, activations and the KV cache.
//
// Example: bits_per_element(Precision::int4) == 4.0; parse_precision("bf16") == Precision::bf16.
// Ternary weights pack five trits in one byte (3^5 = 243 <= 256), so 8/5 = 1.6 bits each.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pjsim::workloads {

enum class Precision { fp32, bf16, fp16, fp8_e4m3, fp8_e5m2, int8, int4, ternary };

/// Storage bits of one element (1.6 for packed ternary).
double bits_per_element(Precision p);
/// Canonical name as used in YAML and reports ("bf16", "fp8_e4m3", ...).
std::string to_string(Precision p);
/// Inverse of to_string; also accepts "fp8" as fp8_e4m3. Empty when unknown.
std::optional<Precision> parse_precision(const std::string& name);
/// All precisions, in declaration order (for listings and "did you mean").
const std::vector<Precision>& all_precisions();
/// Precision at which a MAC of these operands executes: the wider of the two, because a narrow
/// weight is dequantised to the activation format before it enters the array (documented in
/// docs/energy-model.md). Integer x integer stays integer.
Precision mac_precision(Precision weights, Precision activations);

}  // namespace pjsim::workloads
