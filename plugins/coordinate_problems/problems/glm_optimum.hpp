// glm_optimum.hpp — the optimal value F* of a GlmCoordinate problem, computed once on request.
//
//   λ = 0, least squares, μ = 0:  x* = A⁺b by a complete orthogonal decomposition (any shape,
//                                 rank-deficient included), F* = ½‖Ax* − b‖².
//   λ = 0, otherwise:             Newton's method with Armijo backtracking on the dense d × d
//                                 Hessian (LDLT), to ‖∇f‖∞ <= 1e-10 · max(1, ‖∇f(0)‖∞).
//   λ > 0:                        cyclic proximal coordinate descent (exact coordinate
//                                 minimization for least squares, 1/L_j prox steps otherwise)
//                                 until the steps stall, then "polishing": Newton on f + λ sᵀx
//                                 restricted to the support S with the signs s fixed; the result
//                                 is accepted only if it keeps the signs and satisfies the
//                                 optimality conditions |∇_j f| <= λ off S (to 1e-9 relative).
//                                 Otherwise more sweeps, then another polish (at most 20 rounds).
// `found` is false when none of this converged (then the problem serves no f_star), or when
// d > kMaxDenseDim (a dense d × d solve would not be cheap).
#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "glm_coordinate.hpp"

namespace coordinate_problems {

inline constexpr int64_t kMaxDenseDim = 4000;

struct GlmOptimum {
    bool found = false;
    double f = std::numeric_limits<double>::quiet_NaN();
    Vec x;
};

namespace detail {

inline double soft_threshold(double v, double t) { return v > t ? v - t : (v < -t ? v + t : 0.0); }

// Newton on f(x_S) + λ sᵀx_S over the coordinates S (all of them when λ = 0), from x (x_j = 0 off S).
template <class Loss>
bool restricted_newton(GlmCoordinate<Loss>& m, const std::vector<int64_t>& S, const Vec& s, Vec& x) {
    const int64_t k = static_cast<int64_t>(S.size());
    if (k == 0) return true;
    Eigen::MatrixXd H(k, k);
    Vec g(m.d()), gS(k), p(k), xt(m.d());
    auto objective = [&](const Vec& v) {
        double lin = 0.0;
        for (int64_t a = 0; a < k; ++a) lin += s[a] * v[S[a]];
        return m.smooth_value(v) + m.l1() * lin;
    };
    double f = objective(x);
    m.gradient(x, g);
    for (int64_t a = 0; a < k; ++a) gS[a] = g[S[a]] + m.l1() * s[a];
    const double g0 = std::max(1.0, gS.template lpNorm<Eigen::Infinity>());
    for (int it = 0; it < 100; ++it) {
        if (gS.template lpNorm<Eigen::Infinity>() <= 1e-10 * g0) return true;
        m.block_hessian(x, S, H);
        Eigen::LDLT<Eigen::MatrixXd> ldlt(H);
        if (ldlt.info() != Eigen::Success) return false;
        p = ldlt.solve(-gS);
        const double dec = -gS.dot(p);
        if (!(dec > 0.0)) return gS.template lpNorm<Eigen::Infinity>() <= 1e-8 * g0;
        double t = 1.0;
        for (; t > 1e-12; t *= 0.5) {
            xt = x;
            for (int64_t a = 0; a < k; ++a) xt[S[a]] += t * p[a];
            if (objective(xt) <= f - 1e-4 * t * dec) break;
            if (Loss::quadratic) break;  // the full step is exact for a quadratic
        }
        if (t <= 1e-12) return gS.template lpNorm<Eigen::Infinity>() <= 1e-8 * g0;
        x.swap(xt);
        f = objective(x);
        m.gradient(x, g);
        for (int64_t a = 0; a < k; ++a) gS[a] = g[S[a]] + m.l1() * s[a];
    }
    return gS.template lpNorm<Eigen::Infinity>() <= 1e-8 * g0;
}

// Cyclic proximal coordinate descent sweeps from x; returns the largest scaled step of the last sweep.
template <class Loss>
double prox_cd_sweeps(const GlmCoordinate<Loss>& m, Vec& x, int sweeps) {
    const SparseCols& A = m.A();
    const Vec& b = m.b();
    const Vec& L = m.lipschitz();
    Vec z = A * x;
    double largest = 0.0;
    for (int sweep = 0; sweep < sweeps; ++sweep) {
        largest = 0.0;
        for (int64_t j = 0; j < m.d(); ++j) {
            double g = m.l2() * x[j];
            for (SparseCols::InnerIterator it(A, j); it; ++it) g += it.value() * Loss::deriv(z[it.row()], b[it.row()]);
            const double xn = soft_threshold(x[j] - g / L[j], m.l1() / L[j]);
            const double delta = xn - x[j];
            if (delta == 0.0) continue;
            for (SparseCols::InnerIterator it(A, j); it; ++it) z[it.row()] += it.value() * delta;
            x[j] = xn;
            largest = std::max(largest, std::abs(delta) * std::sqrt(L[j]));
        }
        if (largest == 0.0) break;
    }
    return largest;
}

}  // namespace detail

template <class Loss>
GlmOptimum glm_optimum(GlmCoordinate<Loss>& m) {
    GlmOptimum o;
    o.x = Vec::Zero(m.d());
    if (m.d() > kMaxDenseDim) return o;
    if (m.l1() == 0.0) {
        if (Loss::quadratic && m.l2() == 0.0) {
            const Eigen::MatrixXd A(m.A());
            o.x = A.completeOrthogonalDecomposition().solve(m.b());
            o.found = true;
        } else {
            std::vector<int64_t> all(static_cast<size_t>(m.d()));
            for (int64_t j = 0; j < m.d(); ++j) all[static_cast<size_t>(j)] = j;
            o.found = detail::restricted_newton(m, all, Vec::Zero(m.d()), o.x);
        }
        o.f = m.value(o.x);
        return o;
    }
    Vec g(m.d());
    for (int round = 0; round < 20 && !o.found; ++round) {
        detail::prox_cd_sweeps(m, o.x, round == 0 ? 200 : 1000);
        std::vector<int64_t> S;
        for (int64_t j = 0; j < m.d(); ++j)
            if (o.x[j] != 0.0) S.push_back(j);
        Vec s(static_cast<int64_t>(S.size()));
        for (size_t a = 0; a < S.size(); ++a) s[static_cast<int64_t>(a)] = o.x[S[a]] > 0.0 ? 1.0 : -1.0;
        Vec xp = o.x;
        if (!detail::restricted_newton(m, S, s, xp)) continue;
        bool ok = true;
        for (size_t a = 0; a < S.size() && ok; ++a) ok = xp[S[a]] * s[static_cast<int64_t>(a)] > 0.0;
        if (!ok) continue;
        m.gradient(xp, g);
        for (int64_t j = 0; j < m.d() && ok; ++j)
            if (xp[j] == 0.0) ok = std::abs(g[j]) <= m.l1() * (1.0 + 1e-9);
        if (!ok) continue;
        o.x = xp;
        o.found = true;
    }
    o.f = m.value(o.x);
    return o;
}

}  // namespace coordinate_problems
