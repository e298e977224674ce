// Figures over time, in bins of equal width: time-weighted averages (running batch, queue, KV
// blocks, requests in the system) and sums (energy, tokens). Bins start at `width` seconds
// (default 1 ms) and double (pairs merged) whenever more than `max_bins` are needed, so a run
// of any length keeps at most max_bins bins and every span is counted exactly once.
//
// Example: add_level(0.5, 2.0, "running", 4) then level_mean(bin, "running") is 4 for every bin
// inside [0.5, 2); add_amount(0.5, 2.0, "energy_pj", 3e12) spreads 3e12 pJ over the same span.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace pjsim::serving {

class TimeSeries {
 public:
  explicit TimeSeries(double width = 1e-3, std::size_t max_bins = 2048);
  /// `value` holds over [t0, t1): its time integral is added to the bins it covers.
  void add_level(double t0, double t1, const std::string& name, double value);
  /// `amount` is spread uniformly over [t0, t1) (all of it in t0's bin when t1 <= t0).
  void add_amount(double t0, double t1, const std::string& name, double amount);

  double width() const { return width_; }
  std::size_t bins() const { return bins_; }
  /// Integral of a level (value x seconds) or sum of an amount in bin `i`.
  double total(std::size_t i, const std::string& name) const;
  /// Integral over every bin.
  double total(const std::string& name) const;
  std::vector<std::string> names() const;

 private:
  void grow(double t);
  void spread(double t0, double t1, const std::string& name, double rate);
  double width_;
  std::size_t max_bins_, bins_ = 0;
  std::map<std::string, std::vector<double>> values_;
};

}  // namespace pjsim::serving
