// anticor.hpp — Anticor_w (Borodin, El-Yaniv & Gogan, "Can we learn to beat the best stock",
// JAIR 21, 2004, Algorithm 1 "Anticor(w, t, X_1^t, b̂_t)").
//
// After period t, with b̂_t = b_t ∘ x_t / (b_t·x_t) the portfolio the market left:
//   if t < 2w: keep b̂_t (no trade);
//   else, on the log price relatives of the two last windows LX1 = log x_{t−2w+1..t−w},
//   LX2 = log x_{t−w+1..t} (w × n each), with column means μ1, μ2 and deviations σ1, σ2:
//     Mcov(i,j) = (LX1_i − μ1_i)ᵀ(LX2_j − μ2_j) / (w − 1),
//     Mcor(i,j) = Mcov(i,j) / (σ1_i σ2_j)  (0 when a deviation is 0),
//     claim_{i→j} = Mcor(i,j) + max(−Mcor(i,i), 0) + max(−Mcor(j,j), 0)
//                   when μ2_i ≥ μ2_j and Mcor(i,j) > 0, else 0,
//     transfer_{i→j} = b̂_i claim_{i→j} / Σ_j claim_{i→j},
//     b_{t+1,i} = b̂_i + Σ_j (transfer_{j→i} − transfer_{i→j}).
// b_1 uniform. The paper's combined BAH_W(Anticor) runs w = 2..W; this is one window
// (OLPS-style default w = 30, a month and a half of trading days).
#pragma once

#include <cmath>

#include "strategy.hpp"

namespace markets {

class Anticor final : public Strategy {
public:
    Anticor(int64_t n, int64_t window)
        : w_(window), b_(Vec::Constant(n, 1.0 / static_cast<double>(n))), hat_(n), logs_(2 * window, n), lx1_(window, n),
          lx2_(window, n), mu1_(n), mu2_(n), sd1_(n), sd2_(n), cor_(n, n), claim_(n, n) {
        if (window < 2) throw std::invalid_argument("Anticor needs a window w >= 2");
    }

    const Vec& portfolio() const override { return b_; }
    void observe(const Vec& x) override {
        logs_.row(t_ % (2 * w_)) = x.array().log().matrix().transpose();  // ring buffer of 2w periods
        ++t_;
        drift(b_, x, hat_);
        if (t_ < 2 * w_) {
            b_ = hat_;
            return;
        }
        // LX1: periods t−2w+1..t−w, LX2: t−w+1..t (1-based), in time order from the ring buffer.
        for (int64_t k = 0; k < w_; ++k) {
            lx1_.row(k) = logs_.row((t_ - 2 * w_ + k) % (2 * w_));
            lx2_.row(k) = logs_.row((t_ - w_ + k) % (2 * w_));
        }
        mu1_ = lx1_.colwise().mean().transpose();
        mu2_ = lx2_.colwise().mean().transpose();
        lx1_.rowwise() -= mu1_.transpose();
        lx2_.rowwise() -= mu2_.transpose();
        const double dof = static_cast<double>(w_ - 1);
        sd1_ = (lx1_.colwise().squaredNorm().transpose() / dof).cwiseSqrt();
        sd2_ = (lx2_.colwise().squaredNorm().transpose() / dof).cwiseSqrt();
        cor_.noalias() = lx1_.transpose() * lx2_ / dof;
        const Eigen::Index n = b_.size();
        for (Eigen::Index i = 0; i < n; ++i)
            for (Eigen::Index j = 0; j < n; ++j) {
                const double s = sd1_[i] * sd2_[j];
                cor_(i, j) = s > 0.0 ? cor_(i, j) / s : 0.0;
            }
        claim_.setZero();
        for (Eigen::Index i = 0; i < n; ++i)
            for (Eigen::Index j = 0; j < n; ++j) {
                if (i == j || !(mu2_[i] >= mu2_[j]) || !(cor_(i, j) > 0.0)) continue;
                claim_(i, j) = cor_(i, j) + std::max(-cor_(i, i), 0.0) + std::max(-cor_(j, j), 0.0);
            }
        b_ = hat_;
        for (Eigen::Index i = 0; i < n; ++i) {
            const double total = claim_.row(i).sum();
            if (total <= 0.0) continue;
            for (Eigen::Index j = 0; j < n; ++j) {
                const double transfer = hat_[i] * claim_(i, j) / total;
                b_[i] -= transfer;
                b_[j] += transfer;
            }
        }
        b_ = b_.cwiseMax(0.0);  // rounding only: transfers out of i sum to b̂_i at most
        b_ /= b_.sum();
    }

private:
    int64_t w_;
    int64_t t_ = 0;
    Vec b_, hat_;
    Mat logs_, lx1_, lx2_;
    Vec mu1_, mu2_, sd1_, sd2_;
    Mat cor_, claim_;
};

}  // namespace markets
