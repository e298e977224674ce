// The design points of the speed benchmark: the named points of docs/performance.md, and the
// scaling series (layers, chips, context, and a control series where only simulated cycles grow).
// Each point is a list of `pjsim run --set` overrides of the embedded default point
// (Llama-3-8B decode, batch 16, context 2048, on one TPU-v4-like chip).
#pragma once

#include <string>
#include <vector>

namespace pjsim::bench {

struct BenchPoint {
  std::string label;
  std::vector<std::string> sets;
};

/// A series: points that differ in one quantity (`axis`), each labelled by its value.
struct BenchSeries {
  std::string name;  ///< "layers", "chips", ...
  std::string axis;  ///< what varies, for the table header
  std::string note;  ///< the fixed part of the point, one line
  std::vector<BenchPoint> points;
};

/// The fixed cost of a run: one 128 x 128 x 128 GEMM (17 events), so process start-up, YAML,
/// planning, report.json/md/csv, ledger.csv and report.html (its Vega-Lite charts are drawn by the browser).
const BenchPoint& startup_point();
/// The named points (issue 7 item 5), then a few reference points.
const std::vector<BenchPoint>& named_points();
/// The scaling series.
const std::vector<BenchSeries>& scaling_series();

}  // namespace pjsim::bench
