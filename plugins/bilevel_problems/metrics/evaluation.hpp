// evaluation.hpp — what the bilevel metrics read the same way: the problem (not proxied: calls
// are neither counted nor limited), the solution arrays "x" and "y" the algorithms hand over,
// the ground truth, and the two lower solves of lower_solver.hpp:
//
//   y*(x)   = argmin_y g(x, y)                         (from y_out; unique when lower_unique = 1)
//   y_σ(x)  = argmin_y σ f(x, y) + g(x, y)              (penalized lower problem of ψ_σ)
//   φ(x)    = f(x, y*(x)) when lower_unique = 1; otherwise the optimistic value
//             min_{y ∈ S(x)} f(x, y) = lim_{σ→0} f(x, y_σ(x)), computed by continuation
//             σ = 10⁻¹, 10⁻², …, sigma_min (warm-started).
#pragma once

#include <cmath>
#include <limits>
#include <optional>

#include "../lower_solver.hpp"

namespace bilevel {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct SolveSettings {
    double tol = 1e-10;
    int64_t max_iter = 20000;
};

class Evaluation {
public:
    // nullopt when the problem does not serve tsr.bilevel.v1 or the run handed over no usable x, y.
    static std::optional<Evaluation> of(const tsr::RunRecord& r) {
        auto b = tsr::try_ref<tsr::BilevelRef, tsr_bilevel_v1>(r.problem(), TSR_BILEVEL_V1);
        if (!b) return std::nullopt;
        auto x = r.vector("x"), y = r.vector("y");
        if (!x || !y || x->size() != b->dim_x() || y->size() != b->dim_y()) return std::nullopt;
        if (!x->allFinite() || !y->allFinite()) return std::nullopt;
        return Evaluation(*b, *x, *y, r.ground_truth());
    }

    const tsr::BilevelRef& problem() const { return b_; }
    const Vec& x() const { return x_; }
    const Vec& y() const { return y_; }
    std::optional<double> truth(const char* name) const { return gt_ ? gt_->scalar(name) : std::nullopt; }
    std::optional<tsr::CVecMap> truth_vector(const char* name) const {
        if (!gt_) return std::nullopt;
        auto a = gt_->array(name);
        if (!a || a->dtype != TSR_DTYPE_F64) return std::nullopt;
        int64_t size = 1;
        for (int32_t k = 0; k < a->ndim; ++k) size *= a->shape[k];
        return tsr::CVecMap(static_cast<const double*>(a->data), size);
    }
    bool lower_unique() const { return truth("lower_unique").value_or(0.0) == 1.0; }

    // y*(x) from y_out, and g*(x) = g(x, y*(x)).
    double lower_solution(Vec& ystar, const SolveSettings& s) {
        ystar = y_;
        return solver_.solve(b_, x_, ystar, 0.0, 1.0, s.tol, s.max_iter).value;
    }
    // y_σ(x) from y (in place); returns σ f + g at it.
    double penalized_solution(double sigma, Vec& y, const SolveSettings& s) {
        return solver_.solve(b_, x_, y, sigma, 1.0, s.tol, s.max_iter).value;
    }
    // φ(x) (see the file comment); ystar receives the lower point it was evaluated at.
    double hyper_objective(Vec& ystar, double sigma_min, const SolveSettings& s) {
        if (lower_unique()) {
            lower_solution(ystar, s);
        } else {
            ystar = y_;
            for (double sigma = 0.1; sigma >= sigma_min * (1 - 1e-12); sigma *= 0.1)
                penalized_solution(sigma, ystar, s);
        }
        return b_.upper(x_, ystar, {}, nullptr, nullptr);
    }

private:
    Evaluation(const tsr::BilevelRef& b, tsr::CVecMap x, tsr::CVecMap y, std::optional<tsr::GroundTruthRef> gt)
        : b_(b), x_(x), y_(y), gt_(gt), solver_(b.dim_x(), b.dim_y()) {}

    tsr::BilevelRef b_;
    Vec x_, y_;
    std::optional<tsr::GroundTruthRef> gt_;
    LowerSolver solver_;
};

}  // namespace bilevel
