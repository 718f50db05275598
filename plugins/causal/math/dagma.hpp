// dagma.hpp — the log-det acyclicity function of DAGMA (Bello, Aragam & Ravikumar, "DAGMA:
// Learning DAGs via M-matrices and a log-determinant acyclicity characterization", NeurIPS 2022).
//
//   h^s(W) = −log det(sI − W∘W) + d log s               (eq. 4; Thm. 1: on the domain W^s where
//   ∇h^s(W) = 2 W ∘ (sI − W∘W)⁻ᵀ                        sI − W∘W is an M-matrix, h^s >= 0 with
//                                                        equality iff W is a DAG)
//
// W^s is checked as in the reference code (dagma/linear.py): sI − W∘W is an M-matrix in W^s iff
// its inverse is entrywise nonnegative (the code tests (sI − W∘W)⁻¹ + 1e-16 >= 0).
// One LU factorization per evaluation, with storage allocated once per dimension.
#pragma once

#include <Eigen/Dense>
#include <cmath>

namespace causal {

class LogDetAcyclicity {
public:
    using Mat = Eigen::MatrixXd;

    explicit LogDetAcyclicity(int64_t d) : d_(d), M_(d, d), Minv_(d, d), lu_(d) {}

    // Factorizes sI − W∘W and forms its inverse; returns false when W is outside W^s (the inverse
    // has a negative entry below −1e-16, or the matrix is singular).
    bool factorize(const Eigen::Ref<const Mat>& W, double s) {
        M_ = -W.cwiseProduct(W);
        M_.diagonal().array() += s;
        lu_.compute(M_);
        Minv_ = lu_.inverse();
        return (Minv_.array() + 1e-16 >= 0.0).all() && Minv_.allFinite();
    }

    // After factorize: h^s(W) = −log det(sI − W∘W) + d log s. In W^s the determinant is positive
    // (M-matrix), so log det = Σ log|u_ii| of the LU factors.
    double value(double s) const {
        return -lu_.matrixLU().diagonal().array().abs().log().sum() + static_cast<double>(d_) * std::log(s);
    }
    // After factorize: G = 2 W ∘ (sI − W∘W)⁻ᵀ.
    void gradient(const Eigen::Ref<const Mat>& W, Mat& G) const { G = 2.0 * W.cwiseProduct(Minv_.transpose()); }
    const Mat& inverse() const { return Minv_; }

private:
    int64_t d_;
    Mat M_, Minv_;
    Eigen::PartialPivLU<Mat> lu_;
};

}  // namespace causal
