// projections.hpp — Euclidean projections onto the sets the operator problems constrain to.
// Header-only and SDK-free (Eigen only), so that tests can call them directly.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include <Eigen/Core>

namespace operators {

// Π_Δ(v) onto the probability simplex {x ≥ 0, Σx = 1}: x_j = max(v_j − τ, 0) with τ chosen so
// that Σx = 1 (Duchi, Shalev-Shwartz, Singer & Chandra, ICML 2008, Fig. 1: sort, then the largest
// ρ with u_ρ − (Σ_{j≤ρ} u_j − 1)/ρ > 0). `work` is scratch of the segment's size (no allocation
// when reused). In place is allowed (out may alias v).
template <class In, class Out>
void project_simplex(const In& v, Out&& out, std::vector<double>& work) {
    const Eigen::Index d = v.size();
    work.assign(v.data(), v.data() + d);
    std::sort(work.begin(), work.end(), std::greater<double>());
    double cumsum = 0.0, tau = 0.0;
    for (Eigen::Index j = 0; j < d; ++j) {
        const double u = work[static_cast<size_t>(j)];
        const double t = (cumsum + u - 1.0) / static_cast<double>(j + 1);
        if (u - t <= 0.0) break;
        cumsum += u;
        tau = t;
    }
    for (Eigen::Index j = 0; j < d; ++j) out[j] = std::max(v[j] - tau, 0.0);
}

// Π onto the ball {‖x‖₂ ≤ r}: x · min(1, r/‖x‖). In place is allowed.
template <class In, class Out>
void project_ball(const In& v, double radius, Out&& out) {
    const double norm = v.norm();
    const double scale = norm > radius ? radius / norm : 1.0;
    out = v * scale;
}

}  // namespace operators
