#include "curves.hpp"

#include <algorithm>
#include <cmath>

#include "stats.hpp"

namespace tsr::host::report {

namespace {

SeedCurve usable(const SeedCurve& s) {
    SeedCurve out;
    const size_t n = std::min(s.x.size(), s.y.size());
    for (size_t i = 0; i < n; ++i)
        if (s.x[i] > 0 && std::isfinite(s.x[i]) && std::isfinite(s.y[i]) && (out.x.empty() || s.x[i] >= out.x.back())) {
            out.x.push_back(s.x[i]);
            out.y.push_back(s.y[i]);
        }
    return out;
}

}  // namespace

std::vector<double> log_grid(double lo, double hi, size_t n) {
    std::vector<double> g;
    if (!(lo > 0) || !(hi >= lo) || n == 0) return g;
    if (n == 1 || lo == hi) return {lo};
    const double a = std::log(lo), b = std::log(hi);
    for (size_t i = 0; i < n; ++i) g.push_back(std::exp(a + (b - a) * static_cast<double>(i) / static_cast<double>(n - 1)));
    g.front() = lo;  // exact ends: the first and last points fall on data
    g.back() = hi;
    return g;
}

std::pair<double, double> usable_range(const std::vector<SeedCurve>& seeds) {
    double lo = 0, hi = 0;
    for (const SeedCurve& raw : seeds) {
        const SeedCurve s = usable(raw);
        if (s.x.empty()) continue;
        lo = lo == 0 ? s.x.front() : std::min(lo, s.x.front());
        hi = std::max(hi, s.x.back());
    }
    return {lo, hi};
}

Band median_band(const std::vector<SeedCurve>& seeds, const std::vector<double>& grid) {
    Band b;
    std::vector<SeedCurve> use;
    for (const SeedCurve& s : seeds) {
        SeedCurve u = usable(s);
        if (!u.x.empty()) use.push_back(std::move(u));
    }
    b.seeds = use.size();
    if (use.empty()) return b;
    double start = 0, end = 0;
    for (const SeedCurve& s : use) {
        start = std::max(start, s.x.front());
        end = std::max(end, s.x.back());
    }
    std::vector<double> at(use.size());
    for (double x : grid) {
        // A relative slack so that a grid end computed through exp/log still meets the data.
        if (x < start * (1 - 1e-12) || x > end * (1 + 1e-12)) continue;
        for (size_t k = 0; k < use.size(); ++k) {
            const auto& xs = use[k].x;
            auto it = std::upper_bound(xs.begin(), xs.end(), x * (1 + 1e-12));
            const size_t i = it == xs.begin() ? 0 : static_cast<size_t>(it - xs.begin()) - 1;
            at[k] = use[k].y[i];
        }
        std::vector<double> sorted = at;
        std::sort(sorted.begin(), sorted.end());
        b.x.push_back(x);
        b.q25.push_back(quantile_sorted(sorted, 0.25));
        b.median.push_back(quantile_sorted(sorted, 0.5));
        b.q75.push_back(quantile_sorted(sorted, 0.75));
    }
    return b;
}

}  // namespace tsr::host::report
