// bilevel.hyperclean — data hyper-cleaning on logistic regression (Franceschi et al., ICML 2017;
// Shaban et al., AISTATS 2019; Ji, Yang & Liang, ICML 2021, §5): learn one weight per training
// example so that a model trained on the weighted (partly mislabelled) training set does well on
// a clean validation set. With s(t) = 1/(1 + e^{−t}) and ℓ the logistic loss:
//
//   x ∈ R^{n_train} (weight logits, X = [−box, box]^{n_train}),   y = w ∈ R^d (Y = R^d)
//   g(x, w) = (1/n_train) Σ_i s(x_i) ℓ(a_iᵀw, b_i) + (λ/2)‖w‖²       (lower: weighted training loss)
//   f(x, w) = (1/n_val) Σ_j ℓ(a_jᵀw, b_j)                             (upper: validation loss)
//
// g is λ-strongly convex in w, so y*(x) is unique and φ(x) = f(y*(x)) is smooth; φ* is not known
// in closed form. Finite sums: g_i = s(x_i) ℓ_i + (λ/2)‖w‖² (n_lower = n_train), f_j = ℓ_j
// (n_upper = n_val); a minibatch call is the mean over its indices (repeats allowed), so that
// ∇_x of a minibatch of g is an unbiased estimate of ∇_x g.
//   ∇_{x_i} g = s'(x_i) ℓ_i / n,   ∇_w g = (1/n) Σ s(x_i) ℓ'_i a_i + λw
//   ∇²_ww g v = (1/n) Σ s(x_i) ℓ''_i a_i a_iᵀv + λv,   (∇²_xw g v)_i = s'(x_i) ℓ'_i a_iᵀv / n
// Data: logistic_split.hpp (planted classifier, `corruption` of the training labels flipped).
// Initial point: x = 0 (all weights ½), w = 0.
// Ground truth: lower_unique = 1; arrays corrupted (n_train, 1 = flipped), test_A (n_test × d),
// test_b, w_true.
#pragma once

#include "logistic_split.hpp"

namespace bilevel {

class Hyperclean : public LogisticBilevel {
public:
    static constexpr tsr::Info info{"bilevel.hyperclean", "1.0.0",
                                    "data hyper-cleaning: per-example weights s(x_i) of a logistic regression "
                                    "with corrupted training labels, tuned on a clean validation loss",
                                    "Franceschi, Donini, Frasconi & Pontil, Forward and reverse gradient-based "
                                    "hyperparameter optimization, ICML 2017"};
    using provides = tsr::Provides<tsr::Bilevel, tsr::GroundTruth>;
    struct Params {
        int64_t n_train = 500;
        int64_t n_val = 200;
        int64_t n_test = 1000;
        int64_t d = 20;
        double corruption = 0.3;
        double label_noise = 0.0;
        double lambda = 1e-2;
        double box = 10.0;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n_train", &Params::n_train, "training examples (dimension of x, terms of g)", {.min = 1});
            s.integer("n_val", &Params::n_val, "validation examples (terms of f)", {.min = 1});
            s.integer("n_test", &Params::n_test, "test examples (ground truth only, for test accuracy)", {.min = 1});
            s.integer("d", &Params::d, "features (dimension of y = w)", {.min = 1});
            s.real("corruption", &Params::corruption, "probability that a training label is flipped",
                   {.min = 0.0, .max = 1.0});
            s.real("label_noise", &Params::label_noise, "probability of flipping any label (all splits)",
                   {.min = 0.0, .max = 1.0});
            s.real("lambda", &Params::lambda, "L2 weight of the lower level (its strong convexity)", {.min = 1e-12},
                   TSR_PARAM_FLAG_LOG_SCALE);
            s.real("box", &Params::box, "X = [-box, box]^n_train", {.min = 0.0});
        }
    };

    Hyperclean(const Params& p, uint64_t seed)
        : LogisticBilevel(make_logistic_split({p.n_train, p.n_val, p.n_test, p.d, p.label_noise, p.corruption}, seed),
                          true),
          lambda_(p.lambda), box_{-p.box, p.box} {}

    int64_t dim_x() const { return data_.A_train.rows(); }
    void initial_point(tsr::VecMap x0, tsr::VecMap y0) const {
        x0.setZero();
        y0.setZero();
    }

    double lower(tsr::CVecMap x, tsr::CVecMap w, std::span<const int64_t> idx, tsr::VecMap gx, tsr::VecMap gy) {
        const tsr::RowMat& A = data_.A_train;
        const Vec& b = data_.b_train;
        if (gx.data()) gx.setZero();
        double s = 0.0;
        if (idx.empty()) {  // full: matrix products
            const double inv_n = 1.0 / static_cast<double>(A.rows());
            z_.noalias() = A * w;
            for (int64_t i = 0; i < A.rows(); ++i) {
                const double si = tsr::kit::sigmoid(x[i]), li = logistic_loss(z_[i], b[i]);
                s += si * li;
                if (gx.data()) gx[i] = inv_n * si * (1.0 - si) * li;
                u_[i] = inv_n * si * logistic_deriv(z_[i], b[i]);
            }
            if (gy.data()) gy.noalias() = A.transpose() * u_ + lambda_ * w;
            return s * inv_n + 0.5 * lambda_ * w.squaredNorm();
        }
        const double inv_m = 1.0 / static_cast<double>(idx.size());
        if (gy.data()) gy = lambda_ * w;
        for (int64_t i : idx) {
            const double z = A.row(i).dot(w), si = tsr::kit::sigmoid(x[i]), li = logistic_loss(z, b[i]);
            s += si * li;
            if (gx.data()) gx[i] += inv_m * si * (1.0 - si) * li;
            if (gy.data()) gy += (inv_m * si * logistic_deriv(z, b[i])) * A.row(i).transpose();
        }
        return s * inv_m + 0.5 * lambda_ * w.squaredNorm();
    }

    void lower_hvp(tsr::CVecMap x, tsr::CVecMap w, tsr::CVecMap v, tsr::VecMap hyy, tsr::VecMap hxy) {
        const tsr::RowMat& A = data_.A_train;
        const Vec& b = data_.b_train;
        const double inv_n = 1.0 / static_cast<double>(A.rows());
        z_.noalias() = A * w;
        u_.noalias() = A * v;  // a_iᵀv
        if (hxy.data())
            for (int64_t i = 0; i < A.rows(); ++i) {
                const double si = tsr::kit::sigmoid(x[i]);
                hxy[i] = inv_n * si * (1.0 - si) * logistic_deriv(z_[i], b[i]) * u_[i];
            }
        if (hyy.data()) {
            for (int64_t i = 0; i < A.rows(); ++i) u_[i] *= inv_n * tsr::kit::sigmoid(x[i]) * logistic_curv(z_[i]);
            hyy.noalias() = A.transpose() * u_ + lambda_ * v;
        }
    }

    void project_x(tsr::CVecMap x, tsr::VecMap out) { box_.project(x, out); }

private:
    double lambda_;
    Box box_;
};


}  // namespace bilevel
