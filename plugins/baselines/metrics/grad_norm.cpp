// opt.grad_norm — first-order stationarity of the solution.
//
//   grad_norm = ‖∇f(x_final)‖₂
//
// re-evaluated on the problem itself (not proxied, not counted) at the solution array "x". NaN
// when the run handed over no "x" of the problem's dimension or the problem has no gradient.
#include "metric_util.hpp"

namespace baselines {

class GradNorm {
public:
    static constexpr tsr::Info info{"opt.grad_norm", "1.0.0", "||grad f(x_final)||_2 re-evaluated at the solution x",
                                    nullptr};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    static constexpr tsr::Output outputs[] = {
        {"grad_norm", TSR_LOWER_IS_BETTER, "Euclidean norm of the gradient at the solution x"},
    };

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        out[0] = kNaN;
        auto f = r.objective();
        if (!f || !f->has_gradient()) return;
        auto x = final_x(r, *f);
        if (!x) return;
        tsr::Vec g(f->dim());
        f->gradient(*x, g);
        out[0] = g.norm();
    }
};

TSR_REGISTER(GradNorm);

}  // namespace baselines
