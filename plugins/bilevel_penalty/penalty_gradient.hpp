// penalty_gradient.hpp — the first-order oracle of the penalty method of Kwon, Kwon, Wright &
// Nowak (ICLR 2024), shared by bilevel.penalty (double loop) and bilevel.penalty_stochastic
// (single loop). With h_σ(x, y) = σ f(x, y) + g(x, y) and the penalty (hyper-)function
//
//   ψ_σ(x) = ( min_{y∈Y} h_σ(x, y) − min_{z∈Y} g(x, z) ) / σ                        (P_pen)
//
// whose gradient, with y_σ*(x) = argmin h_σ(x, ·) and z*(x) = argmin g(x, ·), is
//
//   ∇ψ_σ(x) = ∇_x f(x, y_σ*) + ( ∇_x g(x, y_σ*) − ∇_x g(x, z*) ) / σ                (Thm 3.2)
//
// the three directions at a point (x, y, z), over minibatches B_f of f and B_g of g (empty: the
// full functions), are
//
//   D_z = ∇_y g(x, z; B_g)                              (z tracks z*(x): steps on g)
//   D_y = σ ∇_y f(x, y; B_f) + ∇_y g(x, y; B_g)          (y tracks y_σ*(x): steps on h_σ)
//   D_x = ∇_x f(x, y; B_f) + ( ∇_x g(x, y; B_g) − ∇_x g(x, z; B_g) ) / σ    (x: steps on ψ_σ)
//
// The same B_g is used at y and at z, so that the difference of the two ∇_x g terms — divided
// by the small σ — does not carry the sampling noise of two independent batches (our choice; the
// analysis allows independent samples).
// Fully first order: no Hessian of g is ever formed or applied.
#pragma once

#include <span>

#include "../bilevel_problems/common.hpp"

namespace bilevel {

struct PenaltyDirections {
    PenaltyDirections(int64_t nx, int64_t ny)
        : fx(nx), gx_y(nx), gx_z(nx), fy(ny), gy_y(ny), gy_z(ny), dx(nx), dy(ny), dz(ny) {}

    // All three directions at (x, y, z); returns f(x, y; B_f). g_y, g_z: g at y and z (on B_g).
    template <class B>  // tsr::BilevelRef, or anything with its calling API (tests)
    double at(const B& b, const Vec& x, const Vec& y, const Vec& z, double sigma,
              std::span<const int64_t> bf, std::span<const int64_t> bg) {
        const double f = b.upper(x, y, bf, fx.data(), fy.data());
        g_y = b.lower(x, y, bg, gx_y.data(), gy_y.data());
        g_z = b.lower(x, z, bg, gx_z.data(), gy_z.data());
        dz = gy_z;
        dy = sigma * fy + gy_y;
        dx = fx + (gx_y - gx_z) / sigma;
        return f;
    }
    // Only D_y and D_z (the inner loop of the double-loop method: x fixed).
    template <class B>
    void inner(const B& b, const Vec& x, const Vec& y, const Vec& z, double sigma,
               std::span<const int64_t> bf, std::span<const int64_t> bg) {
        b.upper(x, y, bf, nullptr, fy.data());
        b.lower(x, y, bg, nullptr, gy_y.data());
        b.lower(x, z, bg, nullptr, gy_z.data());
        dz = gy_z;
        dy = sigma * fy + gy_y;
    }

    Vec fx, gx_y, gx_z, fy, gy_y, gy_z;
    Vec dx, dy, dz;
    double g_y = 0.0, g_z = 0.0;
};

// Projected step v ← Π(v − step·d) through the problem's projection (in place).
template <class Project>
void projected_step(Vec& v, double step, const Vec& d, Project&& project) {
    v -= step * d;
    project(v);
}

}  // namespace bilevel
