#include "serving/random.h"

#include <cmath>

namespace pjsim::serving {

double Rng::uniform01() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

double Rng::uniform_open() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }

std::uint64_t Rng::uniform_int(std::uint64_t lo, std::uint64_t hi) {
  const std::uint64_t range = hi - lo + 1;  // 0 when [lo, hi] is every 64-bit value
  if (range == 0) return engine_();
  // Accept x below the largest multiple of `range` that fits, so every residue is equally likely.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % range;
  for (;;) {
    const std::uint64_t x = engine_();
    if (x < limit) return lo + x % range;
  }
}

double Rng::exponential() { return -std::log(uniform_open()); }

double Rng::normal() {
  if (spare_normal_) {
    const double z = *spare_normal_;
    spare_normal_.reset();
    return z;
  }
  for (;;) {
    const double u = 2 * uniform01() - 1, v = 2 * uniform01() - 1;
    const double s = u * u + v * v;
    if (s >= 1 || s == 0) continue;
    const double factor = std::sqrt(-2 * std::log(s) / s);
    spare_normal_ = v * factor;
    return u * factor;
  }
}

double Rng::gamma(double shape) {
  if (shape < 1) return gamma(shape + 1) * std::pow(uniform_open(), 1 / shape);
  const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
  for (;;) {
    const double x = normal();
    double v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = uniform_open();
    if (u < 1 - 0.0331 * (x * x) * (x * x)) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
  }
}

}  // namespace pjsim::serving
