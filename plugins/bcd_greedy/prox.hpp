// prox.hpp — the proximal pieces of BCD on F = f + λ‖x‖₁ (Nutini, Laradji & Schmidt 2022, §6).
//
//   soft_threshold(v, t) = sign(v) max(|v| − t, 0)                       the prox of t|·|
//   gsq_progress(x, g, L, λ) = −min_d { g d + (L/2) d² + λ|x + d| − λ|x| }   ≥ 0
//       the guaranteed decrease of the 1-D proximal-gradient step with constant L: the score of
//       the GS-q rule (§6.1, eq. "GS-q"); it is g²/(2L) when λ = 0, so GS-q is then GSL/GSD.
//   prox_quadratic(g, M, x, λ, d): d = argmin_d gᵀd + ½dᵀMd + λ‖x + d‖₁ over a small block, by
//       cyclic coordinate minimization on the (strongly convex) quadratic model: the proximal
//       matrix / proximal-Newton block update of §6.
#pragma once

#include <algorithm>
#include <cmath>

#include <tessera/sdk.hpp>

namespace bcd_greedy {

inline double soft_threshold(double v, double t) { return v > t ? v - t : (v < -t ? v + t : 0.0); }

// The 1-D proximal step from x with gradient g and constant L: x⁺ − x.
inline double prox_step(double x, double g, double L, double l1) { return soft_threshold(x - g / L, l1 / L) - x; }

inline double gsq_progress(double x, double g, double L, double l1) {
    const double d = prox_step(x, g, L, l1);
    return -(g * d + 0.5 * L * d * d + l1 * (std::abs(x + d) - std::abs(x)));
}

template <class Matrix>
void prox_quadratic(const tsr::Vec& g, const Matrix& M, const tsr::Vec& x, double l1, tsr::Vec& d) {
    const int64_t m = g.size();
    d.setZero(m);
    tsr::Vec Md = tsr::Vec::Zero(m);  // M d, kept up to date
    double scale = 0.0;
    for (int64_t i = 0; i < m; ++i) scale = std::max(scale, std::abs(x[i]) + std::abs(g[i]) / M(i, i));
    for (int sweep = 0; sweep < 5000; ++sweep) {
        double largest = 0.0;
        for (int64_t i = 0; i < m; ++i) {
            // minimize over d_i: (g_i + (Md)_i − M_ii d_i) d_i + ½ M_ii d_i² + λ|x_i + d_i|
            const double gi = g[i] + Md[i] - M(i, i) * d[i];
            const double di = soft_threshold(x[i] - gi / M(i, i), l1 / M(i, i)) - x[i];
            const double delta = di - d[i];
            if (delta == 0.0) continue;
            for (int64_t k = 0; k < m; ++k) Md[k] += M(k, i) * delta;
            d[i] = di;
            largest = std::max(largest, std::abs(delta));
        }
        if (largest <= 1e-15 * std::max(1.0, scale)) break;
    }
}

}  // namespace bcd_greedy
