// opt.suboptimality — the gap to the optimal value.
//
//   suboptimality       = f(x_final) − f*
//   log10_suboptimality = log10(max(f(x_final) − f*, 1e-16))
//
// f(x_final) is re-evaluated on the problem itself (not proxied, not counted) at the solution
// array "x" when the run handed one over and the problem serves tsr.objective.v1; otherwise it
// is the last finite trace objective. f* is the ground-truth scalar "f_star"; all outputs are
// NaN when the problem does not know it.
#include <algorithm>

#include "metric_util.hpp"

namespace baselines {

class Suboptimality {
public:
    static constexpr tsr::Info info{"opt.suboptimality", "1.0.0", "f(x_final) - f_star, re-evaluated at the solution x",
                                    nullptr};
    static constexpr const char* needs[] = {TSR_GROUND_TRUTH_V1};
    static constexpr tsr::Output outputs[] = {
        {"suboptimality", TSR_LOWER_IS_BETTER, "f(x_final) - f_star"},
        {"log10_suboptimality", TSR_LOWER_IS_BETTER, "log10 of the suboptimality, clamped below at 1e-16"},
    };

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        out[0] = out[1] = kNaN;
        const std::optional<double> fs = f_star(r);
        if (!fs) return;
        std::optional<double> f_final;
        if (auto f = r.objective())
            if (auto x = final_x(r, *f)) f_final = f->value(*x);
        if (!f_final) f_final = last_finite_objective(r);
        if (!f_final) return;
        out[0] = *f_final - *fs;
        out[1] = std::isnan(out[0]) ? kNaN : std::log10(std::max(out[0], 1e-16));
    }
};

TSR_REGISTER(Suboptimality);

}  // namespace baselines
