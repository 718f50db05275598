// bilinear.hpp — a finite sum of bilinear min-max components and its constants.
//
//   φ_i(x, y) = xᵀA_i y + b_iᵀx − c_iᵀy,   x ∈ R^{d1}, y ∈ R^{d2},  u = (x, y),
//   F_i(u) = (∇_x φ_i, −∇_y φ_i) = (A_i y + b_i, −A_iᵀx + c_i),   F = (1/n) Σ_i F_i,
//
// F is monotone (skew-symmetric linear part) and not cocoercive. Constants:
//   L  = σ_max(Ā),  Ā = (1/n) Σ A_i;
//   L̂² = max(λ_max((1/n) Σ A_iᵀA_i), λ_max((1/n) Σ A_iA_iᵀ))   (exact: the x and y blocks of
//        (1/n)Σ‖F_i(u) − F_i(v)‖² separate).
// value() uses Ā, b̄, c̄ (n times fewer flops than n component calls; the host counts n units).
#pragma once

#include <span>

#include "operator_problem.hpp"

namespace operators {

class BilinearSum {
    // Component i's matrix A_i (defined first: the members below deduce its type).
    auto block(int64_t i) const { return A_.middleRows(i * d1_, d1_); }

public:
    // A: n·d1 × d2, component i in rows [i·d1, (i+1)·d1); b: n × d1; c: n × d2.
    BilinearSum(int64_t n, int64_t d1, int64_t d2, tsr::RowMat A, tsr::RowMat b, tsr::RowMat c)
        : n_(n), d1_(d1), d2_(d2), A_(std::move(A)), b_(std::move(b)), c_(std::move(c)) {
        const double inv_n = 1.0 / static_cast<double>(n);
        A_mean_ = tsr::RowMat::Zero(d1, d2);
        for (int64_t i = 0; i < n; ++i) A_mean_ += block(i);
        A_mean_ *= inv_n;
        b_mean_ = b_.colwise().mean().transpose();
        c_mean_ = c_.colwise().mean().transpose();
    }

    int64_t dim() const { return d1_ + d2_; }
    const tsr::RowMat& mean_matrix() const { return A_mean_; }

    void value(tsr::CVecMap u, tsr::VecMap out) const {
        out.head(d1_).noalias() = A_mean_ * u.tail(d2_);
        out.head(d1_) += b_mean_;
        out.tail(d2_).noalias() = -A_mean_.transpose() * u.head(d1_);
        out.tail(d2_) += c_mean_;
    }
    void batch(tsr::CVecMap u, std::span<const int64_t> idx, tsr::VecMap out) const {
        out.setZero();
        for (const int64_t i : idx) {
            const auto Ai = block(i);
            out.head(d1_).noalias() += Ai * u.tail(d2_);
            out.head(d1_) += b_.row(i).transpose();
            out.tail(d2_).noalias() -= Ai.transpose() * u.head(d1_);
            out.tail(d2_) += c_.row(i).transpose();
        }
        out /= static_cast<double>(idx.size());
    }

    double lipschitz() const {
        return std::sqrt(largest_eigenvalue(tsr::Mat(A_mean_.transpose() * A_mean_)));
    }
    double mean_square_lipschitz() const {
        tsr::Mat AtA = tsr::Mat::Zero(d2_, d2_), AAt = tsr::Mat::Zero(d1_, d1_);
        for (int64_t i = 0; i < n_; ++i) {
            const auto Ai = block(i);
            AtA.noalias() += Ai.transpose() * Ai;
            AAt.noalias() += Ai * Ai.transpose();
        }
        const double inv_n = 1.0 / static_cast<double>(n_);
        return std::sqrt(std::max(largest_eigenvalue(AtA * inv_n), largest_eigenvalue(AAt * inv_n)));
    }

private:
    int64_t n_, d1_, d2_;
    tsr::RowMat A_, b_, c_;
    tsr::RowMat A_mean_;
    Vec b_mean_, c_mean_;
};

// A_i = A_0 + spread · E_i with A_0, E_i i.i.d. N(0, 1) entries (one Rng stream for A_0 then the
// E_i in order): components share a common game and differ by `spread`.
inline tsr::RowMat random_components(int64_t n, int64_t d1, int64_t d2, double spread, tsr::kit::Rng& rng) {
    tsr::RowMat A0(d1, d2);
    for (int64_t r = 0; r < d1; ++r)
        for (int64_t k = 0; k < d2; ++k) A0(r, k) = rng.normal();
    tsr::RowMat A(n * d1, d2);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t r = 0; r < d1; ++r)
            for (int64_t k = 0; k < d2; ++k) A(i * d1 + r, k) = A0(r, k) + spread * rng.normal();
    return A;
}

}  // namespace operators
