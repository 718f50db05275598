// regret.slope — the growth exponent of a run's regret: the least-squares slope of
//
//   log env.regret  against  log env.steps
//
// over the second half of the trace points (those with steps > 0 and regret > 0). √T regret gives
// 1/2, T^{2/3} gives 2/3, linear regret 1. With switching_cost > 0 the regret includes the
// switching cost (env.regret + c · env.switches). NaN with fewer than 2 usable points.
#include <cmath>
#include <vector>

#include "env_columns.hpp"

namespace bandit_envs {

class RegretSlope {
public:
    static constexpr tsr::Info info{"regret.slope", "1.0.0",
                                    "log-log slope of env.regret vs env.steps over the second half of the trace",
                                    nullptr};
    static constexpr tsr::Output outputs[] = {
        {"slope", TSR_LOWER_IS_BETTER, "least-squares slope of log regret vs log steps (second half of the trace)"},
    };
    struct Params {
        double switching_cost = 0.0;
        static void schema(tsr::Schema<Params>& s) {
            s.real("switching_cost", &Params::switching_cost,
                   "c: fit the slope of env.regret + c * env.switches (0: regret alone)", {.min = 0.0});
        }
    };

    explicit RegretSlope(const Params& p) : p_(p) {}

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        out[0] = kNaN;
        const auto steps = r.trace_column("env.steps");
        const auto regret = r.trace_column("env.regret");
        const auto switches = r.trace_column("env.switches");
        if (!steps || !regret) return;
        const size_t n = steps->size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0, m = 0;
        for (size_t k = n / 2; k < n; ++k) {
            const double reg = (*regret)[k] + (switches ? p_.switching_cost * (*switches)[k] : 0.0);
            if (!((*steps)[k] > 0) || !(reg > 0)) continue;
            const double x = std::log((*steps)[k]), y = std::log(reg);
            sx += x, sy += y, sxx += x * x, sxy += x * y, m += 1;
        }
        const double var = sxx - sx * sx / m;
        if (m >= 2 && var > 0) out[0] = (sxy - sx * sy / m) / var;
    }

private:
    Params p_;
};

TSR_REGISTER(RegretSlope);

}  // namespace bandit_envs
