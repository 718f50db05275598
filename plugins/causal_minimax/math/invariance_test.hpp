// invariance_test.hpp — the residual invariance test of invariant causal prediction (Peters,
// Bühlmann & Meinshausen, JRSS-B 2016, Sec. 3.2.1, "approximate" method 2, as the R package
// InvariantCausalPrediction's default): regress Y on X_S by pooled least squares; for each
// environment e compare its residuals with the others' — Welch's t-test of the means and the
// F-test of the variances, the smaller p-value doubled — and Bonferroni over the environments:
//   p(S) = min(1, K · min_e 2 · min(p_t(e), p_F(e))).
// S is accepted when p(S) > α. The distributions come from the regularized incomplete beta
// function (continued fraction, Lentz's method).
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "mlp.hpp"

namespace minimax {

// I_x(a, b), the regularized incomplete beta function.
inline double incomplete_beta(double a, double b, double x) {
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    if (x > (a + 1.0) / (a + b + 2.0)) return 1.0 - incomplete_beta(b, a, 1.0 - x);
    const double lbeta = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b);
    const double front = std::exp(lbeta + a * std::log(x) + b * std::log1p(-x)) / a;
    constexpr double tiny = 1e-300;
    double f = 1.0, c = 1.0, d = 0.0;
    for (int i = 0; i <= 400; ++i) {
        const int m = i / 2;
        double num;
        if (i == 0) num = 1.0;
        else if (i % 2 == 0) num = (m * (b - m) * x) / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        else num = -((a + m) * (a + b + m) * x) / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        d = 1.0 + num * d;
        if (std::abs(d) < tiny) d = tiny;
        d = 1.0 / d;
        c = 1.0 + num / c;
        if (std::abs(c) < tiny) c = tiny;
        const double cd = c * d;
        f *= cd;
        if (std::abs(1.0 - cd) < 1e-12) break;
    }
    return front * (f - 1.0);
}

// Two-sided p-value of Student's t with ν degrees of freedom.
inline double t_two_sided(double t, double nu) { return incomplete_beta(0.5 * nu, 0.5, nu / (nu + t * t)); }

// Two-sided p-value of F(d1, d2) at f: 2 min(P(F ≤ f), P(F ≥ f)).
inline double f_two_sided(double f, double d1, double d2) {
    const double upper = incomplete_beta(0.5 * d2, 0.5 * d1, d2 / (d2 + d1 * f));
    return std::min(1.0, 2.0 * std::min(upper, 1.0 - upper));
}

// The rows of each environment, in increasing order of the environment id. Built once per data
// set: ICP tests many subsets against the same environments.
using EnvGroups = std::vector<std::vector<int64_t>>;
inline EnvGroups env_groups(const Vec& env) {
    std::map<double, std::vector<int64_t>> rows;
    for (int64_t i = 0; i < env.size(); ++i) rows[env[i]].push_back(i);
    EnvGroups out;
    out.reserve(rows.size());
    for (auto& [e, idx] : rows) out.push_back(std::move(idx));
    return out;
}

// p(S) of the test above, for the residuals r of the pooled fit and the rows of each environment.
inline double residual_invariance_pvalue(const Vec& r, const EnvGroups& groups) {
    const double K = static_cast<double>(groups.size());
    if (groups.size() < 2) return 1.0;
    const double n = static_cast<double>(r.size()), sum = r.sum(), sq = r.squaredNorm();
    double p_min = 1.0;
    for (const auto& idx : groups) {
        const double n1 = static_cast<double>(idx.size()), n2 = n - n1;
        if (n1 < 2 || n2 < 2) continue;
        double s1 = 0.0, q1 = 0.0;
        for (int64_t i : idx) {
            s1 += r[i];
            q1 += r[i] * r[i];
        }
        const double m1 = s1 / n1, m2 = (sum - s1) / n2;
        const double v1 = std::max((q1 - n1 * m1 * m1) / (n1 - 1.0), 1e-300);
        const double v2 = std::max(((sq - q1) - n2 * m2 * m2) / (n2 - 1.0), 1e-300);
        const double se2 = v1 / n1 + v2 / n2;
        const double t = (m1 - m2) / std::sqrt(se2);
        const double nu = se2 * se2 / ((v1 / n1) * (v1 / n1) / (n1 - 1.0) + (v2 / n2) * (v2 / n2) / (n2 - 1.0));
        const double p_t = t_two_sided(t, nu);
        const double p_f = f_two_sided(v1 / v2, n1 - 1.0, n2 - 1.0);
        p_min = std::min(p_min, 2.0 * std::min(p_t, p_f));
    }
    return std::min(1.0, K * p_min);
}

}  // namespace minimax
