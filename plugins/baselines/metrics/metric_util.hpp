// metric_util.hpp — what the optimization metrics read the same way.
#pragma once

#include <cmath>
#include <limits>
#include <optional>

#include <tessera/sdk.hpp>

namespace baselines {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// f_star of the problem's ground truth, if it has one.
inline std::optional<double> f_star(const tsr::RunRecord& r) {
    if (auto gt = r.ground_truth()) return gt->scalar("f_star");
    return std::nullopt;
}

// The solution array "x" when the problem's objective can be evaluated at it (same dimension).
inline std::optional<tsr::CVecMap> final_x(const tsr::RunRecord& r, const tsr::ObjectiveRef& f) {
    auto x = r.vector("x");
    if (!x || x->size() != f.dim()) return std::nullopt;
    return x;
}

// The last finite objective of the trace.
inline std::optional<double> last_finite_objective(const tsr::RunRecord& r) {
    const auto t = r.trace_objective();
    for (auto it = t.rbegin(); it != t.rend(); ++it)
        if (std::isfinite(*it)) return *it;
    return std::nullopt;
}

}  // namespace baselines
