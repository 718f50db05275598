// dagma.hpp — the log-det acyclicity function of DAGMA (Bello, Aragam & Ravikumar, "DAGMA:
// Learning DAGs via M-matrices and a log-determinant acyclicity characterization", NeurIPS 2022).
//
//   h^s(W) = −log det(sI − W∘W) + d log s               (eq. 4; Thm. 1: on the domain W^s where
//   ∇h^s(W) = 2 W ∘ (sI − W∘W)⁻ᵀ                        sI − W∘W is an M-matrix, h^s >= 0 with
//                                                        equality iff W is a DAG)
//
// The domain test. M = sI − W∘W is a Z-matrix (off-diagonal entries <= 0) for every W, and a
// Z-matrix is a nonsingular M-matrix iff Gaussian elimination WITHOUT pivoting meets only
// positive pivots (its leading principal minors are positive; Berman & Plemmons, Nonnegative
// Matrices in the Mathematical Sciences, 1994, Thm. 6.2.3 (A1)–(E17)) — and then M⁻¹ >= 0. The
// reference code (dagma/linear.py) tests M⁻¹ + 1e-16 >= 0 instead; the two agree up to rounding.
// So M is inverted in place by Gauss–Jordan elimination without pivoting (kit/dag/kernels.hpp) (d³ multiply-adds; stable
// for M-matrices, like for diagonally dominant ones), and the elimination stops as soon as a pivot
// is not positive: W is then outside W^s. log det M = Σ log(pivots). No allocation per call.
#pragma once

#include <Eigen/Dense>
#include <cmath>

#include "kernels.hpp"

namespace tsr::kit::dag {

class LogDetAcyclicity {
public:
    using Mat = Eigen::MatrixXd;

    explicit LogDetAcyclicity(int64_t d) : d_(d), Mit_(d, d), col_(d), row_(d) {}

    // Inverts sI − W∘W; returns false when W is outside W^s (a pivot <= 0: not an M-matrix).
    // Works on the transpose sI − (W∘W)ᵀ: it has the same leading principal minors, hence the
    // same pivots and determinant, and its inverse is (sI − W∘W)⁻ᵀ, the matrix the gradient needs.
    bool factorize(const Eigen::Ref<const Mat>& W, double s) {
        Mit_ = -W.cwiseProduct(W).transpose();
        Mit_.diagonal().array() += s;
        return kernels::gauss_jordan_positive_pivots(Mit_.data(), d_, col_.data(), row_.data(), &logdet_);
    }

    // After a successful factorize: h^s(W) = −log det(sI − W∘W) + d log s.
    double value(double s) const { return -logdet_ + static_cast<double>(d_) * std::log(s); }
    // After a successful factorize: G = 2 W ∘ (sI − W∘W)⁻ᵀ.
    void gradient(const Eigen::Ref<const Mat>& W, Mat& G) const { G = 2.0 * W.cwiseProduct(Mit_); }
    // After a successful factorize: (sI − W∘W)⁻ᵀ.
    const Mat& inverse_transpose() const { return Mit_; }

private:
    int64_t d_;
    Mat Mit_;  // (sI − W∘W)⁻ᵀ after factorize
    Eigen::VectorXd col_, row_;
    double logdet_ = 0.0;
};

}  // namespace tsr::kit::dag
