// Seeded random draws that give the same numbers on every platform: std::mt19937_64 (its output
// is fixed by the C++ standard) with the transforms written here, not std::*_distribution
// (whose algorithms differ between standard libraries). The transforms call only std::log,
// std::sqrt and std::pow; sqrt is exact in IEEE arithmetic, log and pow agree to the last bit on
// glibc and may differ by one ulp elsewhere.
//
//   uniform01      (x >> 11) * 2^-53, in [0, 1)
//   uniform_open   ((x >> 11) + 0.5) * 2^-53, in (0, 1)
//   uniform_int    lo + x mod (hi - lo + 1), rejecting the x that would bias it
//   exponential    -ln(U), U in (0, 1): mean 1
//   normal         Marsaglia's polar method (two normals per accepted pair; the second is kept)
//   gamma(k)       Marsaglia and Tsang (2000), "A simple method for generating gamma variables",
//                  scale 1, mean k; for k < 1, gamma(k + 1) * U^(1/k)
//
// Example: Rng(42).uniform_int(1, 6) is the same die roll on Linux, macOS and Windows.
#pragma once

#include <cstdint>
#include <optional>
#include <random>

namespace pjsim::serving {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t bits() { return engine_(); }
  double uniform01();
  double uniform_open();
  /// A whole number in [lo, hi], each equally likely (lo <= hi).
  std::uint64_t uniform_int(std::uint64_t lo, std::uint64_t hi);
  double exponential();
  double normal();
  double gamma(double shape);

 private:
  std::mt19937_64 engine_;
  std::optional<double> spare_normal_;
};

}  // namespace pjsim::serving
