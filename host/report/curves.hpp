// host/report/curves.hpp — convergence curves of several seeds brought to one: the median and
// the 25–75% quantile band at common x (report.hpp says how, and why a step function).
#pragma once

#include <cstddef>
#include <vector>

namespace tsr::host::report {

// One seed's curve: x ascending (ties allowed), y the value reported at x.
struct SeedCurve {
    std::vector<double> x;
    std::vector<double> y;
};

struct Band {
    std::vector<double> x, q25, median, q75;
    size_t seeds = 0;  // seeds with at least one usable point (x > 0, x and y finite)
};

// n points spaced evenly in log between lo > 0 and hi ≥ lo (one point when lo == hi).
std::vector<double> log_grid(double lo, double hi, size_t n);

// The band of `seeds` on `grid`: at each grid x from the last seed's start to the longest run's
// end, every seed's value is the last y at or before x (a seed that ended holds its last y);
// grid points outside that range are left out. Points with x ≤ 0 or non-finite x or y are
// ignored (log axes), and so is a point whose x goes back below the previous one.
Band median_band(const std::vector<SeedCurve>& seeds, const std::vector<double>& grid);

// The smallest first x and the largest last x over the seeds' usable points; {0, 0} when none.
std::pair<double, double> usable_range(const std::vector<SeedCurve>& seeds);

}  // namespace tsr::host::report
