// cd.active_set — when did a method for F = f + λ‖x‖₁ identify the active set (the support of x*)?
//
// Reads the trace columns an L1 method reports (bcd.bcd does): "support_changed" (1 when the
// support {j : x_j ≠ 0} changed since the previous trace point) and "nnz". With supp(x_final)
// equal to supp(x*) (x_star from tsr.ground_truth.v1; a component counts as nonzero when
// |x*_j| > 1e-12 · ‖x*‖∞), the identification iteration is the iteration of the last trace point
// at which the support changed: from then on the iterates stay on the optimal manifold (Nutini,
// Laradji & Schmidt 2022, §6: "active-set complexity"). With a sampled trace it is an upper bound
// (the change happened at most `report_every` iterations earlier).
//
// Outputs:
//   identification_iteration  that iteration; 1 + the last iteration when the final support is not
//                             the optimal one (not identified within the run); NaN without a trace
//                             or without x_star
//   identified                1 when the final support equals supp(x*), else 0
//   support_errors            |supp(x_final) Δ supp(x*)|
#include <cmath>
#include <limits>

#include <tessera/sdk.hpp>

namespace coordinate_problems {

class ActiveSet {
public:
    static constexpr tsr::Info info{"cd.active_set", "1.0.0",
                                    "iteration after which the support of x stays equal to the support of x_star",
                                    "Nutini, Laradji & Schmidt, JMLR 23, 2022, Section 6"};
    static constexpr const char* needs[] = {TSR_GROUND_TRUTH_V1};
    static constexpr tsr::Output outputs[] = {
        {"identification_iteration", TSR_LOWER_IS_BETTER,
         "last iteration at which the support changed (1 + last iteration if the final support is wrong)"},
        {"identified", TSR_HIGHER_IS_BETTER, "1 when the final support equals the support of x_star"},
        {"support_errors", TSR_LOWER_IS_BETTER, "size of the symmetric difference of the final and optimal supports"},
    };

    void evaluate(const tsr::RunRecord& r, std::span<double> out) {
        constexpr double nan = std::numeric_limits<double>::quiet_NaN();
        out[0] = out[1] = out[2] = nan;
        auto gt = r.ground_truth();
        auto x = r.vector("x");
        auto changed = r.trace_column("support_changed");
        if (!gt || !x || !changed || r.trace_size() == 0) return;
        auto xs = gt->array("x_star");
        if (!xs || xs->dtype != TSR_DTYPE_F64 || xs->shape[0] != x->size()) return;
        const tsr::CVecMap star(static_cast<const double*>(xs->data), xs->shape[0]);
        const double cut = 1e-12 * star.lpNorm<Eigen::Infinity>();
        int64_t errors = 0;
        for (int64_t j = 0; j < star.size(); ++j) errors += (std::abs(star[j]) > cut) != ((*x)[j] != 0.0);
        const auto it = r.trace_iteration();
        int64_t last_change = it.front();
        for (size_t k = 0; k < it.size(); ++k)
            if ((*changed)[k] != 0.0) last_change = it[k];
        out[0] = static_cast<double>(errors == 0 ? last_change : it.back() + 1);
        out[1] = errors == 0 ? 1.0 : 0.0;
        out[2] = static_cast<double>(errors);
    }
};

TSR_REGISTER(ActiveSet);

}  // namespace coordinate_problems
