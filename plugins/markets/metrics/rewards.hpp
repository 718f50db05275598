// rewards.hpp — what the portfolio metrics read: the host's record of the rewards the run
// collected, run array "env.rewards" (one per step; in a market, r_t = log(b_t·x_t) minus costs),
// so no metric trusts a number the algorithm reports.
#pragma once

#include <cmath>
#include <limits>
#include <optional>

#include <tessera/sdk.hpp>

namespace markets {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The per-step log-growth r_t of the run; nullopt when the run has none (not an env run, or no step).
inline std::optional<tsr::CVecMap> log_returns(const tsr::RunRecord& r) {
    auto v = r.vector("env.rewards");
    if (!v || v->size() == 0) return std::nullopt;
    return v;
}

template <class P>
void periods_per_year_param(tsr::Schema<P>& s) {
    s.real("periods_per_year", &P::periods_per_year, "periods in a year, for annualizing (252 trading days)", {.min = 1e-9});
}

}  // namespace markets
