// hypergradient.hpp — the two classical hypergradient estimators of φ(x) = f(x, y*(x)), written
// once over any handle B with the calling-side API of tsr::BilevelRef (upper, lower, lower_hvp,
// project_y), so that bilevel.aid / bilevel.itd and the unit tests (tests/bilevel_penalty) share
// them. When y*(x) is unique and ∇²_yy g(x, y*) is invertible (implicit function theorem),
//
//     ∇φ(x) = ∇_x f(x, y*) − ∇²_xy g(x, y*) [∇²_yy g(x, y*)]⁻¹ ∇_y f(x, y*).          (IFT)
//
// AID  (approximate implicit differentiation; Ji, Yang & Liang, ICML 2021, Alg. 1 "AID-BiO";
//      Pedregosa, ICML 2016, "HOAG"): v ≈ [∇²_yy g]⁻¹ ∇_y f by N conjugate-gradient steps on
//      Hessian-vector products, warm-started at the previous v; then ∇̂φ = ∇_x f − ∇²_xy g v.
// ITD  (iterative differentiation; Ji, Yang & Liang 2021, Alg. 2 "ITD-BiO"; Franceschi et al.,
//      ICML 2017, reverse mode): y_{t+1} = Π_Y(y_t − β ∇_y g(x, y_t)), t < T, from y_0 (held
//      constant), then the exact gradient of x ↦ f(x, y_T(x)) by back-propagation:
//          a ← ∇_y f(x, y_T),  h ← ∇_x f(x, y_T)
//          for t = T−1, …, 0:  h ← h − β ∇²_xy g(x, y_t) a,   a ← a − β ∇²_yy g(x, y_t) a
//      (one lower_hvp call per step). The projection's Jacobian is taken as the identity: exact
//      when Y = R^{d_y} or when the projection is inactive along the trajectory.
// Neither needs more than a handle; neither allocates after construction.
#pragma once

#include <vector>

#include "common.hpp"

namespace bilevel {

// AID: the CG solve of ∇²_yy g(x, y) v = ∇_y f(x, y) and the hypergradient.
class AidHypergradient {
public:
    AidHypergradient(int64_t dx, int64_t dy)
        : fy_(dy), v_(Vec::Zero(dy)), r_(dy), p_(dy), hp_(dy), hxy_(dx) {}

    // Writes ∇̂φ(x) into out (dim_x) from the lower iterate y, with cg_steps CG iterations that
    // stop early when ‖r‖ <= cg_tol ‖∇_y f‖ or when a direction p has no curvature to speak of,
    // pᵀHp <= 1e-12 ‖p‖² (a singular ∇²_yy g with ∇_y f outside its range: CG would otherwise
    // divide by a rounding-level curvature and blow v up; v keeps the part found so far).
    // Returns f(x, y).
    template <class B>
    double compute(const B& b, const Vec& x, const Vec& y, int64_t cg_steps, double cg_tol, Vec& out) {
        const double f = b.upper(x, y, {}, out.data(), fy_.data());  // out = ∇_x f for now
        b.lower_hvp(x, y, v_, hp_.data(), nullptr);                  // r = ∇_y f − H v (warm start)
        r_ = fy_ - hp_;
        p_ = r_;
        double rr = r_.squaredNorm();
        const double stop = cg_tol * cg_tol * fy_.squaredNorm();
        for (int64_t j = 0; j < cg_steps && rr > stop; ++j) {
            b.lower_hvp(x, y, p_, hp_.data(), nullptr);
            const double curvature = p_.dot(hp_);
            if (!(curvature > kMinCurvature * p_.squaredNorm())) break;  // (near-)singular along p
            const double alpha = rr / curvature;
            v_ += alpha * p_;
            r_ -= alpha * hp_;
            const double rr_new = r_.squaredNorm();
            p_ = r_ + (rr_new / rr) * p_;
            rr = rr_new;
        }
        b.lower_hvp(x, y, v_, nullptr, hxy_.data());
        out -= hxy_;
        return f;
    }
    const Vec& v() const { return v_; }

private:
    static constexpr double kMinCurvature = 1e-12;
    Vec fy_, v_, r_, p_, hp_, hxy_;
};

// ITD: T projected gradient steps on g(x, ·) from y (updated in place to y_T) and the reverse-mode
// gradient of x ↦ f(x, y_T(x)).
class ItdHypergradient {
public:
    ItdHypergradient(int64_t dx, int64_t dy, int64_t T)
        : ys_(static_cast<size_t>(T) + 1, Vec(dy)), gy_(dy), a_(dy), hyy_(dy), hxy_(dx) {}

    template <class B>
    double compute(const B& b, const Vec& x, Vec& y, double beta, Vec& out) {
        const size_t T = ys_.size() - 1;
        ys_[0] = y;
        for (size_t t = 0; t < T; ++t) {
            b.lower(x, ys_[t], {}, nullptr, gy_.data());
            ys_[t + 1] = ys_[t] - beta * gy_;
            b.project_y(ys_[t + 1], ys_[t + 1]);
        }
        y = ys_[T];
        const double f = b.upper(x, y, {}, out.data(), a_.data());  // h = ∇_x f, a = ∇_y f
        for (size_t t = T; t-- > 0;) {
            b.lower_hvp(x, ys_[t], a_, hyy_.data(), hxy_.data());
            out -= beta * hxy_;
            a_ -= beta * hyy_;
        }
        return f;
    }

private:
    std::vector<Vec> ys_;
    Vec gy_, a_, hyy_, hxy_;
};

}  // namespace bilevel
