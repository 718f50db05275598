// host/report/stats.hpp — the few statistics a report needs: summaries over seeds, quantiles and
// ranks. Pure functions; NaN marks "no value".
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace tsr::host::report {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Summary of a sample (the finite values of one metric over the seeds of one method).
struct Summary {
    size_t n = 0;
    double mean = kNaN;
    double std = kNaN;  // sample standard deviation (divides by n − 1); NaN when n < 2
    double median = kNaN;
    double q25 = kNaN;  // quartiles; q75 − q25 is the interquartile range (IQR)
    double q75 = kNaN;
    double min = kNaN;
    double max = kNaN;
};

// Summarizes `values`; non-finite values are ignored (callers count them themselves).
Summary summarize(std::vector<double> values);

// The p-quantile (0 ≤ p ≤ 1) of ascending `sorted`, interpolating linearly between order
// statistics (R's type 7, numpy's default): h = (n − 1)·p. NaN for an empty sample.
double quantile_sorted(const std::vector<double>& sorted, double p);

// Ranks of `values` when `direction` < 0 means lower is better and > 0 higher is better: 1 for
// the best, ties share the average of their positions, and NaN entries come last (sharing the
// average of the last positions). direction == 0 gives all NaN.
std::vector<double> ranks(const std::vector<double>& values, int32_t direction);

}  // namespace tsr::host::report
