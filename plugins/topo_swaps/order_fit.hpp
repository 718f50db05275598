// order_fit.hpp — the inner problem of TOPO (Deng, Bello, Aragam & Ravikumar, "Optimizing NOTEARS
// Objectives via Topological Swaps", ICML 2023): for a topological order π, the least-squares W
// supported on {π_p → π_q : p < q}, node by node (each node regressed on its predecessors), and
// the score Q(W(π)) = (1/2n)‖X − XW‖²_F, all on Σ̂ = XᵀX/n.
//
// With L the Cholesky factor of Σ̂ permuted to π (Σ̂_ππ = L Lᵀ), row p of L holds the regression of
// node π_p on its predecessors: its residual variance is L_pp², so
//     Q(W(π)) = ½ Σ_p L_pp²,
// and with L̃ = L diag(1/L_pp) (unit lower), the coefficients (in positions) are B = I − L̃⁻ᵀ
// (the LDLᵀ form of the SEM: Σ̂ = (I − B)⁻ᵀ D (I − B)⁻¹).
//
// A swap of positions a < b changes only the regressions of positions a..b (positions after b keep
// their predecessor *set*); their rows of the new factor are the Cholesky factor of the Schur
// complement S = L_BB L_BBᵀ (B = a..b) with its first and last index exchanged, so one candidate
// costs O((b − a + 1)³) instead of the reference's b − a + 1 regressions on the n × d data.
#pragma once

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace topo {

using Mat = Eigen::MatrixXd;

class OrderFit {
public:
    explicit OrderFit(Mat cov) : S_(std::move(cov)), d_(S_.rows()), P_(d_, d_), L_(d_, d_), work_(d_, d_) {}

    int64_t d() const { return d_; }
    const std::vector<int64_t>& order() const { return order_; }
    const std::vector<int64_t>& position() const { return pos_; }
    const Mat& factor() const { return L_; }

    // Sets the order and refactors Σ̂_ππ (O(d³/3)). Throws when Σ̂ is not positive definite
    // (a variable that is an exact linear combination of others has no residual variance).
    void set_order(const std::vector<int64_t>& order) {
        order_ = order;
        pos_.assign(static_cast<size_t>(d_), 0);
        for (int64_t p = 0; p < d_; ++p) pos_[static_cast<size_t>(order_[static_cast<size_t>(p)])] = p;
        for (int64_t q = 0; q < d_; ++q)
            for (int64_t p = 0; p < d_; ++p) P_(p, q) = S_(order_[static_cast<size_t>(p)], order_[static_cast<size_t>(q)]);
        Eigen::LLT<Eigen::Ref<Mat>> llt(P_);
        if (llt.info() != Eigen::Success)
            throw std::runtime_error("the sample covariance is not positive definite (collinear variables)");
        L_ = P_.triangularView<Eigen::Lower>();
        loss_ = 0.5 * L_.diagonal().squaredNorm();
    }

    double loss() const { return loss_; }

    // Q(W(π')) for π' = π with positions a < b exchanged (create_new_topo, opt = 1).
    double swap_loss(int64_t a, int64_t b) {
        const int64_t m = b - a + 1;
        auto perm = [m](int64_t k) { return k == 0 ? m - 1 : (k == m - 1 ? 0 : k); };
        double old_part = 0.0, new_part = 0.0;
        // C = chol(P S Pᵀ) row by row, S(p, q) = Σ_{l ≤ min(p,q)} L(a+p, a+l) L(a+q, a+l).
        for (int64_t k = 0; k < m; ++k) {
            old_part += L_(a + k, a + k) * L_(a + k, a + k);
            const int64_t pk = perm(k);
            for (int64_t j = 0; j <= k; ++j) {
                const int64_t pj = perm(j);
                const int64_t top = std::min(pk, pj);
                double s = 0.0;
                for (int64_t l = 0; l <= top; ++l) s += L_(a + pk, a + l) * L_(a + pj, a + l);
                for (int64_t l = 0; l < j; ++l) s -= work_(k, l) * work_(j, l);
                if (j < k) {
                    work_(k, j) = s / work_(j, j);
                } else {
                    if (!(s > 0.0)) s = 0.0;  // rounding on a (near) deterministic node
                    work_(k, k) = std::sqrt(s);
                    new_part += s;
                }
            }
        }
        return loss_ + 0.5 * (new_part - old_part);
    }

    // The fitted W in node indices (W[i,j]: i → j), O(d³/3).
    void weights(Mat& W) {
        // B = I − L̃⁻ᵀ with L̃ = L diag(1/L_pp): solve L̃ X = I.
        work_ = L_ * L_.diagonal().cwiseInverse().asDiagonal();
        P_.setIdentity();
        work_.triangularView<Eigen::UnitLower>().solveInPlace(P_);  // P_ = L̃⁻¹
        W.setZero(d_, d_);
        for (int64_t q = 0; q < d_; ++q)
            for (int64_t p = 0; p < q; ++p)
                W(order_[static_cast<size_t>(p)], order_[static_cast<size_t>(q)]) = -P_(q, p);
    }

private:
    Mat S_;
    int64_t d_;
    std::vector<int64_t> order_, pos_;
    Mat P_, L_, work_;
    double loss_ = 0.0;
};

}  // namespace topo
