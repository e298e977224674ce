#include "serving/time_series.h"

#include <algorithm>
#include <cmath>

namespace pjsim::serving {

TimeSeries::TimeSeries(double width, std::size_t max_bins) : width_(width), max_bins_(std::max<std::size_t>(max_bins, 2)) {}

void TimeSeries::grow(double t) {
  auto needed = [&] { return static_cast<std::size_t>(std::floor(t / width_)) + 1; };
  while (needed() > max_bins_) {
    for (auto& [name, v] : values_) {
      std::vector<double> merged((v.size() + 1) / 2, 0.0);
      for (std::size_t i = 0; i < v.size(); ++i) merged[i / 2] += v[i];
      v = std::move(merged);
    }
    bins_ = (bins_ + 1) / 2;
    width_ *= 2;
  }
  bins_ = std::max(bins_, needed());
  for (auto& [name, v] : values_) v.resize(bins_, 0.0);
}

void TimeSeries::spread(double t0, double t1, const std::string& name, double rate) {
  grow(t1);
  auto& v = values_[name];
  v.resize(bins_, 0.0);
  for (auto i = static_cast<std::size_t>(std::floor(t0 / width_)); i < bins_ && double(i) * width_ < t1; ++i) {
    const double lo = std::max(t0, double(i) * width_), hi = std::min(t1, double(i + 1) * width_);
    if (hi > lo) v[i] += rate * (hi - lo);
  }
}

void TimeSeries::add_level(double t0, double t1, const std::string& name, double value) {
  if (t1 > t0) spread(t0, t1, name, value);
}

void TimeSeries::add_amount(double t0, double t1, const std::string& name, double amount) {
  if (t1 > t0) {
    spread(t0, t1, name, amount / (t1 - t0));
    return;
  }
  grow(t0);
  auto& v = values_[name];
  v.resize(bins_, 0.0);
  v[std::min(bins_ - 1, static_cast<std::size_t>(std::floor(t0 / width_)))] += amount;
}

double TimeSeries::total(std::size_t i, const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() || i >= it->second.size() ? 0.0 : it->second[i];
}

double TimeSeries::total(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return 0;
  double s = 0;
  for (double x : it->second) s += x;
  return s;
}

std::vector<std::string> TimeSeries::names() const {
  std::vector<std::string> out;
  for (const auto& [name, v] : values_) out.push_back(name);
  return out;
}

}  // namespace pjsim::serving
