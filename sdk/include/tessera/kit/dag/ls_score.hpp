// ls_score.hpp — the least-squares score of a linear SEM on its sufficient statistic.
//
//   Q(W) = (1/2n) ‖X − X W‖²_F = ½ tr((I − W)ᵀ Σ̂ (I − W)),     Σ̂ = XᵀX / n,
//   ∇Q(W) = −Σ̂ (I − W)
//
// with X centered column-wise first (NOTEARS linear.py and DAGMA linear.py both center X for the
// l2 loss). Working on the d × d Σ̂ instead of the n × d X makes each evaluation O(d³), not O(n d²).
#pragma once

#include <Eigen/Core>

namespace tsr::kit::dag {

using Mat = Eigen::MatrixXd;

// Σ̂ = XcᵀXc / n with Xc the column-centered X (or X itself when !center).
template <class Derived>
Mat covariance(const Eigen::MatrixBase<Derived>& X, bool center = true) {
    Mat Xc = X;
    if (center) Xc.rowwise() -= Xc.colwise().mean();
    Mat S = Mat::Zero(X.cols(), X.cols());
    S.selfadjointView<Eigen::Lower>().rankUpdate(Xc.transpose(), 1.0 / static_cast<double>(X.rows()));
    return S.selfadjointView<Eigen::Lower>();
}

// Q and ∇Q on Σ̂, with scratch allocated once for the dimension.
class LeastSquares {
public:
    explicit LeastSquares(Mat cov) : S_(std::move(cov)), R_(S_.rows(), S_.cols()), D_(S_.rows(), S_.cols()) {}

    int64_t d() const { return S_.rows(); }
    const Mat& cov() const { return S_; }

    double value(const Eigen::Ref<const Mat>& W) {
        D_ = -W;
        D_.diagonal().array() += 1.0;
        R_.noalias() = S_ * D_;
        return 0.5 * D_.cwiseProduct(R_).sum();
    }
    // Returns Q(W); G = ∇Q(W).
    double value_gradient(const Eigen::Ref<const Mat>& W, Mat& G) {
        const double q = value(W);
        G = -R_;
        return q;
    }

private:
    Mat S_, R_, D_;
};

}  // namespace tsr::kit::dag
