// metric_util.hpp — what the optimization metrics read the same way.
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// The cost at each trace point: the host's total oracle units when `counters` is empty, else the
// sum of the trace columns "units:<name>" over the comma-separated counter names (a counter the
// run never called has no column and costs 0). Lets a metric count only some oracles, e.g. the
// expensive gradients of a target-based method and not the full objective it reports.
inline std::vector<double> trace_cost(const tsr::RunRecord& r, std::string_view counters) {
    const auto evals = r.trace_evals();
    std::vector<double> cost(evals.size(), 0.0);
    if (counters.empty()) {
        for (size_t k = 0; k < evals.size(); ++k) cost[k] = static_cast<double>(evals[k]);
        return cost;
    }
    while (!counters.empty()) {
        const size_t comma = counters.find(',');
        std::string_view name = counters.substr(0, comma);
        counters = comma == std::string_view::npos ? std::string_view{} : counters.substr(comma + 1);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (name.empty()) continue;
        if (auto col = r.trace_column(std::string("units:").append(name)))
            for (size_t k = 0; k < cost.size(); ++k) cost[k] += (*col)[k];
    }
    return cost;
}

// The schema entry of a `counters` parameter (see trace_cost).
template <class P>
void add_counters_param(tsr::Schema<P>& s, std::string P::*field) {
    s.text("counters", field,
           "comma-separated oracle counters whose units are the cost (e.g. "
           "\"tsr.target.v1/loss_gradient,tsr.finite_sum.v1/batch_value_gradient\"); empty: all oracle units");
}
