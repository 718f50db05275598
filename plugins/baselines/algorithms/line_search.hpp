// line_search.hpp — step-length selection along a descent direction p from x:
//     φ(α) = f(x + α p),  φ'(α) = ∇f(x + α p)ᵀ p.
//
//   armijo_backtracking   Nocedal & Wright, Numerical Optimization (2nd ed. 2006), Alg. 3.1:
//                         α ← ρα until φ(α) <= φ(0) + c1 α φ'(0)            (3.4)
//   StrongWolfe           Nocedal & Wright Alg. 3.5 (bracketing) and 3.6 (zoom): α with
//                         φ(α) <= φ(0) + c1 α φ'(0)   and   |φ'(α)| <= c2 |φ'(0)|   (3.7)
//                         trial steps in zoom by the cubic interpolation (3.59), safeguarded.
//
// Near the optimum f(x + αp) − f(x) drowns in rounding and (3.4) cannot be verified. Both
// searches then also grant sufficient decrease by the approximate Armijo test of Hager & Zhang
// (SIAM J. Optim. 16(1), 2005, the "approximate Wolfe" conditions of CG_DESCENT):
//     φ'(α) <= (2c1 − 1) φ'(0)   and   φ(α) <= φ(0) + ε_f |φ(0)|,   ε_f = 1e-12,
// which uses the (accurate) derivative instead of the (rounded) difference of values and is
// equivalent to (3.4) on a quadratic. Without it, methods stall at ‖∇f‖ ≈ √(eps |f| L).
//
// Every trial point is evaluated with value_gradient (one oracle unit gives both φ and φ'), so
// the accepted point's gradient is never recomputed. Work vectors are allocated once, in the
// constructor, not per search.
#pragma once

#include <cmath>
#include <limits>

#include "common.hpp"

namespace baselines {

inline constexpr double kRoundingTolerance = 1e-12;  // ε_f, relative to |f|

// (3.4), or the approximate Armijo test when the decrease is at rounding level.
inline bool sufficient_decrease(double f0, double dphi0, double c1, double a, double fa, double da) {
    if (!std::isfinite(fa)) return false;
    return fa <= f0 + c1 * a * dphi0 ||
           (fa <= f0 + kRoundingTolerance * std::abs(f0) && da <= (2.0 * c1 - 1.0) * dphi0);
}

struct LineSearchResult {
    bool ok = false;  // false: no acceptable step was found (x_new is then meaningless)
    double alpha = 0.0;
    double f = 0.0;
};

// Nocedal & Wright Alg. 3.1. x_new, g_new receive the accepted point and its gradient.
inline LineSearchResult armijo_backtracking(const tsr::ObjectiveRef& f, const Vec& x, const Vec& p, double f0,
                                            double dphi0, double alpha0, double c1, double rho, Vec& x_new,
                                            Vec& g_new, int max_trials = 60) {
    double alpha = alpha0;
    for (int i = 0; i < max_trials; ++i, alpha *= rho) {
        x_new = x + alpha * p;
        const double ft = f.value_gradient(x_new, g_new);
        if (sufficient_decrease(f0, dphi0, c1, alpha, ft, g_new.dot(p))) return {true, alpha, ft};
    }
    return {};
}

class StrongWolfe {
public:
    double c1 = 1e-4, c2 = 0.9;
    int max_evals = 30;        // oracle calls per search
    double alpha_max = 1e20;

    explicit StrongWolfe(int64_t d) : x_lo_(d), g_lo_(d) {}

    // Searches from x along the descent direction p (dphi0 = ∇f(x)ᵀp < 0), first trying alpha0.
    // On success x_new, g_new hold the accepted point. When the strong Wolfe conditions cannot be
    // met within max_evals, the best point satisfying sufficient decrease is returned (ok = true)
    // if there is one.
    LineSearchResult search(const tsr::ObjectiveRef& f, const Vec& x, const Vec& p, double f0, double dphi0,
                            double alpha0, Vec& x_new, Vec& g_new) {
        evals_ = 0;
        have_lo_ = false;
        double a_prev = 0.0, f_prev = f0, d_prev = dphi0;
        double a = alpha0;
        for (;;) {  // Alg. 3.5
            const double fa = eval(f, x, p, a, x_new, g_new);
            const double da = g_new.dot(p);
            if (!decrease(f0, dphi0, a, fa, da) || (a_prev > 0.0 && fa >= f_prev))
                return zoom(f, x, p, f0, dphi0, a_prev, f_prev, d_prev, a, fa, da, x_new, g_new);
            remember_lo(a, fa, x_new, g_new);
            if (std::abs(da) <= -c2 * dphi0) return {true, a, fa};
            if (da >= 0.0) return zoom(f, x, p, f0, dphi0, a, fa, da, a_prev, f_prev, d_prev, x_new, g_new);
            if (evals_ >= max_evals || a >= alpha_max) return best(x_new, g_new);
            a_prev = a;
            f_prev = fa;
            d_prev = da;
            a = std::min(2.0 * a, alpha_max);  // extrapolate: α_{i+1} ∈ (α_i, α_max)
        }
    }

private:
    bool decrease(double f0, double dphi0, double a, double fa, double da) const {
        return sufficient_decrease(f0, dphi0, c1, a, fa, da);
    }

    double eval(const tsr::ObjectiveRef& f, const Vec& x, const Vec& p, double a, Vec& x_new, Vec& g_new) {
        ++evals_;
        x_new = x + a * p;
        return f.value_gradient(x_new, g_new);
    }

    // Keeps the lowest point satisfying sufficient decrease, the fallback answer.
    void remember_lo(double a, double fa, const Vec& x_new, const Vec& g_new) {
        if (have_lo_ && fa >= f_lo_) return;
        have_lo_ = true;
        a_lo_ = a;
        f_lo_ = fa;
        x_lo_ = x_new;
        g_lo_ = g_new;
    }
    LineSearchResult best(Vec& x_new, Vec& g_new) const {
        if (!have_lo_) return {};
        x_new = x_lo_;
        g_new = g_lo_;
        return {true, a_lo_, f_lo_};
    }

    // Minimizer of the cubic interpolating φ and φ' at a and b (N&W eq. 3.59), or NaN.
    static double cubic_min(double a, double fa, double da, double b, double fb, double db) {
        const double d1 = da + db - 3.0 * (fa - fb) / (a - b);
        const double disc = d1 * d1 - da * db;
        if (!(disc >= 0.0)) return std::numeric_limits<double>::quiet_NaN();
        const double d2 = std::copysign(std::sqrt(disc), b - a);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2.0 * d2);
    }

    // Alg. 3.6: φ(lo) is the lowest sufficient-decrease value seen, and the interval between lo
    // and hi contains strong Wolfe steps.
    LineSearchResult zoom(const tsr::ObjectiveRef& f, const Vec& x, const Vec& p, double f0, double dphi0,
                          double lo, double f_lo, double d_lo, double hi, double f_hi, double d_hi, Vec& x_new,
                          Vec& g_new) {
        while (evals_ < max_evals) {
            const double width = hi - lo;
            if (std::abs(width) <= 1e-14 * std::max(std::abs(lo), std::abs(hi))) break;  // interval at rounding
            double a = std::isfinite(f_hi) ? cubic_min(lo, f_lo, d_lo, hi, f_hi, d_hi)
                                           : std::numeric_limits<double>::quiet_NaN();
            // safeguard: stay inside the central 80% of the interval, else bisect
            const double a_min = std::min(lo, hi) + 0.1 * std::abs(width);
            const double a_max = std::max(lo, hi) - 0.1 * std::abs(width);
            if (!(a >= a_min && a <= a_max)) a = 0.5 * (lo + hi);
            const double fa = eval(f, x, p, a, x_new, g_new);
            const double da = g_new.dot(p);
            if (!decrease(f0, dphi0, a, fa, da) || fa >= f_lo) {
                hi = a;
                f_hi = fa;
                d_hi = da;
            } else {
                remember_lo(a, fa, x_new, g_new);
                if (std::abs(da) <= -c2 * dphi0) return {true, a, fa};
                if (da * (hi - lo) >= 0.0) {
                    hi = lo;
                    f_hi = f_lo;
                    d_hi = d_lo;
                }
                lo = a;
                f_lo = fa;
                d_lo = da;
            }
        }
        return best(x_new, g_new);
    }

    Vec x_lo_, g_lo_;
    double a_lo_ = 0.0, f_lo_ = 0.0;
    bool have_lo_ = false;
    int evals_ = 0;
};

}  // namespace baselines
