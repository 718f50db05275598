// notears.hpp — the smooth pieces of linear NOTEARS (Zheng, Aragam, Ravikumar & Xing, "DAGs with
// NO TEARS: continuous optimization for structure learning", NeurIPS 2018).
//
//   acyclicity (Thm. 1)    h(W) = tr(e^{W∘W}) − d,        ∇h(W) = (e^{W∘W})ᵀ ∘ 2W
//   augmented Lagrangian   L_ρ(W, α) = Q(W) + ½ρ h(W)² + α h(W) + λ₁‖W‖₁          (eq. 11 / Alg. 1)
//
// with Q the least-squares score (ls_score.hpp). The ℓ₁ term is made smooth as in the reference
// code (notears/linear.py): W = W⁺ − W⁻ with W⁺, W⁻ >= 0, ‖W‖₁ → Σ(W⁺ + W⁻), so the variables are
// w = (vec W⁺, vec W⁻) ∈ R^{2d²} under the box w >= 0 (diagonals fixed at 0), and
//   ∇_{W⁺} = ∇Q + (ρh + α)∇h + λ₁,     ∇_{W⁻} = −(∇Q + (ρh + α)∇h) + λ₁.
#pragma once

#include "expm.hpp"
#include "ls_score.hpp"

namespace causal {

class NotearsLagrangian {
public:
    using Vec = Eigen::VectorXd;

    NotearsLagrangian(Mat cov, double lambda1)
        : d_(cov.rows()), ls_(std::move(cov)), expm_(d_), W_(d_, d_), A_(d_, d_), E_(d_, d_), Gq_(d_, d_),
          Gh_(d_, d_), lambda1_(lambda1) {}

    int64_t d() const { return d_; }
    int64_t n_vars() const { return 2 * d_ * d_; }
    double rho = 1.0, alpha = 0.0;

    // W = W⁺ − W⁻ from the split variables.
    void adjacency(const Vec& w, Mat& W) const {
        const int64_t dd = d_ * d_;
        W = Eigen::Map<const Mat>(w.data(), d_, d_) - Eigen::Map<const Mat>(w.data() + dd, d_, d_);
    }

    // h(W); Gh = ∇h(W) when want_grad.
    double h(const Mat& W, bool want_grad = false) {
        A_ = W.cwiseProduct(W);
        expm_.compute(A_, E_);
        if (want_grad) Gh_ = 2.0 * E_.transpose().cwiseProduct(W);
        return E_.trace() - static_cast<double>(d_);
    }

    double score(const Mat& W) { return ls_.value(W); }

    // L_ρ(w) and its gradient on the split variables.
    double value_gradient(const Vec& w, Vec& g) {
        adjacency(w, W_);
        const double q = ls_.value_gradient(W_, Gq_);
        const double hv = h(W_, true);
        const double c = rho * hv + alpha;
        Gq_ += c * Gh_;  // the smooth gradient
        const int64_t dd = d_ * d_;
        Eigen::Map<Mat>(g.data(), d_, d_) = Gq_.array() + lambda1_;
        Eigen::Map<Mat>(g.data() + dd, d_, d_) = lambda1_ - Gq_.array();
        return q + 0.5 * rho * hv * hv + alpha * hv + lambda1_ * w.sum();
    }

private:
    int64_t d_;
    LeastSquares ls_;
    Expm expm_;
    Mat W_, A_, E_, Gq_, Gh_;
    double lambda1_;
};

}  // namespace causal
