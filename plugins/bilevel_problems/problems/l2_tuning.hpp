// bilevel.l2_tuning — L2-penalty tuning of a logistic regression on a validation set
// (Pedregosa, ICML 2016, §4; Bengio, Neural Computation 2000): x holds log-penalties, one per
// feature (per_feature = true) or one for all.
//
//   x ∈ X = [x_min, x_max]^{d or 1},   y = w ∈ R^d,   λ_j = exp(x_j) (or exp(x_0) for all j)
//   g(x, w) = (1/n_train) Σ_i ℓ(a_iᵀw, b_i) + ½ Σ_j λ_j w_j²          (lower: training loss)
//   f(x, w) = (1/n_val) Σ_j ℓ(a_jᵀw, b_j)                              (upper: validation loss)
//
//   ∇_{x_j} g = ½ λ_j w_j²  (scalar: ½ λ ‖w‖²),   ∇_w g = (1/n) Σ ℓ'_i a_i + λ ∘ w
//   ∇²_ww g v = (1/n) Σ ℓ''_i a_i a_iᵀv + λ ∘ v,   (∇²_xw g v)_j = λ_j w_j v_j  (scalar: λ wᵀv)
// g is (min_j λ_j ≥ e^{x_min})-strongly convex and (L_data + e^{x_max})-smooth in w (x_max = 1 by
// default keeps inner step sizes ~0.3 stable): y*(x) unique, φ smooth; φ* unknown.
// Finite sums: g_i = ℓ_i + ½ Σ λ_j w_j² (n_lower = n_train), f_j = ℓ_j (n_upper = n_val).
// Data: logistic_split.hpp with corruption = 0 (few samples, many features, noisy labels: the
// regime where the penalty matters). Initial point: x = x0 (all coordinates), w = 0.
// Ground truth: lower_unique = 1; arrays test_A, test_b, w_true.
#pragma once

#include <cmath>

#include "logistic_split.hpp"

namespace bilevel {

class L2Tuning : public LogisticBilevel {
public:
    static constexpr tsr::Info info{"bilevel.l2_tuning", "1.0.0",
                                    "L2-penalty tuning of a logistic regression: x = log penalties (per feature "
                                    "or one), tuned on a validation loss",
                                    "Pedregosa, Hyperparameter optimization with approximate gradient, ICML 2016"};
    using provides = tsr::Provides<tsr::Bilevel, tsr::GroundTruth>;
    struct Params {
        int64_t n_train = 100;
        int64_t n_val = 100;
        int64_t n_test = 1000;
        int64_t d = 50;
        double label_noise = 0.1;
        bool per_feature = true;
        double x0 = -2.0;
        double x_min = -8.0;
        double x_max = 1.0;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n_train", &Params::n_train, "training examples (terms of g)", {.min = 1});
            s.integer("n_val", &Params::n_val, "validation examples (terms of f)", {.min = 1});
            s.integer("n_test", &Params::n_test, "test examples (ground truth only)", {.min = 1});
            s.integer("d", &Params::d, "features (dimension of y = w)", {.min = 1});
            s.real("label_noise", &Params::label_noise, "probability of flipping any label", {.min = 0.0, .max = 1.0});
            s.boolean("per_feature", &Params::per_feature, "one log-penalty per feature (else a single one)");
            s.real("x0", &Params::x0, "initial log-penalty", {});
            s.real("x_min", &Params::x_min, "lower bound of the log-penalties", {});
            s.real("x_max", &Params::x_max, "upper bound of the log-penalties", {});
        }
    };

    L2Tuning(const Params& p, uint64_t seed)
        : LogisticBilevel(make_logistic_split({p.n_train, p.n_val, p.n_test, p.d, p.label_noise, 0.0}, seed), false),
          dx_(p.per_feature ? p.d : 1), x0_(p.x0), box_{p.x_min, p.x_max}, lam_(p.d) {
        if (!(p.x_min < p.x_max) || p.x0 < p.x_min || p.x0 > p.x_max)
            throw tsr::InvalidArgument("l2_tuning: need x_min < x_max and x0 in [x_min, x_max]");
    }

    int64_t dim_x() const { return dx_; }
    void initial_point(tsr::VecMap x0, tsr::VecMap y0) const {
        x0.setConstant(x0_);
        y0.setZero();
    }

    double lower(tsr::CVecMap x, tsr::CVecMap w, std::span<const int64_t> idx, tsr::VecMap gx, tsr::VecMap gy) {
        set_penalties(x);
        const double reg = 0.5 * (lam_.array() * w.array().square()).sum();
        if (gx.data()) penalty_gradient_x(w, gx);
        double s = 0.0;
        const tsr::RowMat& A = data_.A_train;
        const Vec& b = data_.b_train;
        if (idx.empty()) {
            const double inv_n = 1.0 / static_cast<double>(A.rows());
            z_.noalias() = A * w;
            for (int64_t i = 0; i < A.rows(); ++i) {
                s += logistic_loss(z_[i], b[i]);
                u_[i] = inv_n * logistic_deriv(z_[i], b[i]);
            }
            if (gy.data()) gy.noalias() = A.transpose() * u_ + lam_.cwiseProduct(w);
            return s * inv_n + reg;
        }
        const double inv_m = 1.0 / static_cast<double>(idx.size());
        if (gy.data()) gy = lam_.cwiseProduct(w);
        for (int64_t i : idx) {
            const double z = A.row(i).dot(w);
            s += logistic_loss(z, b[i]);
            if (gy.data()) gy += (inv_m * logistic_deriv(z, b[i])) * A.row(i).transpose();
        }
        return s * inv_m + reg;
    }

    void lower_hvp(tsr::CVecMap x, tsr::CVecMap w, tsr::CVecMap v, tsr::VecMap hyy, tsr::VecMap hxy) {
        set_penalties(x);
        if (hxy.data()) {
            if (dx_ == 1) hxy[0] = lam_[0] * w.dot(v);
            else hxy = lam_.cwiseProduct(w).cwiseProduct(v);
        }
        if (hyy.data()) {
            const tsr::RowMat& A = data_.A_train;
            const double inv_n = 1.0 / static_cast<double>(A.rows());
            z_.noalias() = A * w;
            u_.noalias() = A * v;
            for (int64_t i = 0; i < A.rows(); ++i) u_[i] *= inv_n * logistic_curv(z_[i]);
            hyy.noalias() = A.transpose() * u_ + lam_.cwiseProduct(v);
        }
    }

    void project_x(tsr::CVecMap x, tsr::VecMap out) { box_.project(x, out); }

private:
    void set_penalties(tsr::CVecMap x) {
        if (dx_ == 1) lam_.setConstant(std::exp(x[0]));
        else lam_ = x.array().exp().matrix();
    }
    // ∇_x of ½ Σ_j λ_j w_j² with λ_j = e^{x_j}: ½ λ_j w_j² (scalar x: ½ λ ‖w‖²).
    void penalty_gradient_x(tsr::CVecMap w, tsr::VecMap gx) const {
        if (dx_ == 1) gx[0] = 0.5 * lam_[0] * w.squaredNorm();
        else gx = 0.5 * lam_.cwiseProduct(w.cwiseAbs2());
    }

    int64_t dx_;
    double x0_;
    Box box_;
    Vec lam_;
};


}  // namespace bilevel
