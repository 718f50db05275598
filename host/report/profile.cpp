#include "profile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace tsr::host::report {

double PerformanceProfile::rho(size_t method, double tau) const {
    if (instances.empty() || method >= ratio.size()) return 0;
    size_t n = 0;
    for (double r : ratio[method]) n += r <= tau;
    return static_cast<double>(n) / static_cast<double>(instances.size());
}

double PerformanceProfile::max_ratio() const {
    double m = 1;
    for (const auto& row : ratio)
        for (double r : row)
            if (std::isfinite(r)) m = std::max(m, r);
    return m;
}

PerformanceProfile performance_profile(const std::vector<std::string>& instances, const std::vector<std::string>& methods,
                                       const std::vector<std::vector<double>>& t) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    PerformanceProfile p;
    p.methods = methods;
    p.ratio.assign(methods.size(), {});
    for (size_t i = 0; i < instances.size() && i < t.size(); ++i) {
        double best = inf;
        for (size_t s = 0; s < methods.size() && s < t[i].size(); ++s)
            if (std::isfinite(t[i][s])) best = std::min(best, t[i][s]);
        if (best <= 0) {
            p.notes.push_back(fmt::format("{} left out: its best value {:.4g} is not positive", instances[i], best));
            continue;
        }
        p.instances.push_back(instances[i]);
        for (size_t s = 0; s < methods.size(); ++s) {
            const double v = s < t[i].size() ? t[i][s] : inf;
            p.ratio[s].push_back(std::isfinite(v) && std::isfinite(best) ? v / best : inf);
        }
    }
    return p;
}

}  // namespace tsr::host::report
