#include "stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tsr::host::report {

double quantile_sorted(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return kNaN;
    const double h = static_cast<double>(sorted.size() - 1) * std::clamp(p, 0.0, 1.0);
    const auto lo = static_cast<size_t>(std::floor(h));
    if (lo + 1 >= sorted.size()) return sorted.back();
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

Summary summarize(std::vector<double> values) {
    std::erase_if(values, [](double v) { return !std::isfinite(v); });
    Summary s;
    s.n = values.size();
    if (values.empty()) return s;
    std::sort(values.begin(), values.end());
    const double n = static_cast<double>(values.size());
    s.mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
    if (values.size() > 1) {
        double ss = 0;
        for (double v : values) ss += (v - s.mean) * (v - s.mean);
        s.std = std::sqrt(ss / (n - 1));
    }
    s.median = quantile_sorted(values, 0.5);
    s.q25 = quantile_sorted(values, 0.25);
    s.q75 = quantile_sorted(values, 0.75);
    s.min = values.front();
    s.max = values.back();
    return s;
}

std::vector<double> ranks(const std::vector<double>& values, int32_t direction) {
    std::vector<double> out(values.size(), kNaN);
    if (direction == 0) return out;
    std::vector<size_t> order(values.size());
    std::iota(order.begin(), order.end(), size_t{0});
    // Best first; NaN last.
    auto key_less = [&](size_t a, size_t b) {
        const bool na = std::isnan(values[a]), nb = std::isnan(values[b]);
        if (na || nb) return !na && nb;
        return direction < 0 ? values[a] < values[b] : values[a] > values[b];
    };
    std::stable_sort(order.begin(), order.end(), key_less);
    for (size_t i = 0; i < order.size();) {
        size_t j = i + 1;
        while (j < order.size() && !key_less(order[i], order[j])) ++j;  // order[i..j) tie
        const double r = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
        for (size_t k = i; k < j; ++k) out[order[k]] = r;
        i = j;
    }
    return out;
}

}  // namespace tsr::host::report
