// ons.hpp — Online Newton Step for portfolios (Agarwal, Hazan, Kale & Schapire, "Algorithms for
// portfolio management based on the Newton method", ICML 2006, Fig. 1):
//
//     play p̃_t = (1 − η) p_t + η (1/n) 1,
//     ∇_t = x_t / (p̃_t·x_t)                      (gradient of log(p·x_t) at the played portfolio),
//     A_t = Σ_{τ≤t} ∇_τ∇_τᵀ + I_n,   b_t = (1 + 1/β) Σ_{τ≤t} ∇_τ,
//     p_{t+1} = Π^{A_t}_Δ(δ A_t⁻¹ b_t) = argmin_{p∈Δ} ½ pᵀA_t p − δ b_tᵀ p,
// p_1 uniform. The paper's experiments use η = 0, β = 1, δ = 1/8 (the defaults here).
#pragma once

#include "simplex_qp.hpp"
#include "strategy.hpp"

namespace markets {

class OnlineNewtonStep final : public Strategy {
public:
    OnlineNewtonStep(int64_t n, double eta, double beta, double delta)
        : eta_(eta), beta_(beta), delta_(delta), p_(Vec::Constant(n, 1.0 / static_cast<double>(n))),
          played_(p_), A_(Mat::Identity(n, n)), b_(Vec::Zero(n)), grad_(n), c_(n), qp_(n) {}

    const Vec& portfolio() const override { return played_; }
    void observe(const Vec& x) override {
        grad_ = x / played_.dot(x);
        A_.selfadjointView<Eigen::Lower>().rankUpdate(grad_);
        A_.triangularView<Eigen::StrictlyUpper>() = A_.transpose();
        b_ += (1.0 + 1.0 / beta_) * grad_;
        c_ = delta_ * b_;
        qp_.solve(A_, c_, p_);  // warm start from p_t
        played_ = (1.0 - eta_) * p_;
        played_.array() += eta_ / static_cast<double>(p_.size());
    }

private:
    double eta_, beta_, delta_;
    Vec p_, played_;
    Mat A_;
    Vec b_, grad_, c_;
    SimplexQp qp_;
};

}  // namespace markets
