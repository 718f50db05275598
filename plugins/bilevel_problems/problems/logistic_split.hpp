// logistic_split.hpp — the data of the logistic-regression bilevel problems (bilevel.hyperclean,
// bilevel.l2_tuning): a planted linear classifier and train / validation / test splits.
//
// From the seed (tsr::kit::Rng streams mix_seed(seed, k)):
//   k = 1: w_true ~ N(0, I_d);
//   k = 2: rows a_i ~ N(0, I_d) of the train, validation and test matrices, in that order;
//   k = 3: labels b_i = sign(a_iᵀ w_true) (+1 at 0), each flipped with probability label_noise
//          (all splits: the task's own noise), then each TRAINING label flipped again with
//          probability corruption (hyper-cleaning's corrupted labels; corrupted_i = 1).
// The logistic loss ℓ(z, b) = log(1 + exp(−b z)) and its derivatives use kit/logistic.hpp.
// LogisticBilevel is what both problems share: the data, the upper level (the validation loss,
// independent of x), Y = R^d, and the ground truth.
#pragma once

#include <optional>
#include <string_view>

#include <tessera/kit/logistic.hpp>

#include "../common.hpp"

namespace bilevel {

struct LogisticSplit {
    tsr::RowMat A_train, A_val, A_test;
    Vec b_train, b_val, b_test;
    Vec corrupted;  // 1 where the training label was flipped by `corruption`, else 0
    Vec w_true;
};

struct SplitSizes {
    int64_t n_train, n_val, n_test, d;
    double label_noise, corruption;
};

inline LogisticSplit make_logistic_split(const SplitSizes& s, uint64_t seed) {
    tsr::kit::Rng rng_w(tsr::kit::mix_seed(seed, 1)), rng_a(tsr::kit::mix_seed(seed, 2)),
        rng_b(tsr::kit::mix_seed(seed, 3));
    LogisticSplit o;
    o.w_true.resize(s.d);
    for (double& v : o.w_true) v = rng_w.normal();
    auto fill = [&](int64_t n, tsr::RowMat& A, Vec& b) {
        A.resize(n, s.d);
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < s.d; ++j) A(i, j) = rng_a.normal();
        const Vec z = A * o.w_true;
        b.resize(n);
        for (int64_t i = 0; i < n; ++i) b[i] = (z[i] >= 0.0 ? 1.0 : -1.0) * (rng_b.bernoulli(s.label_noise) ? -1.0 : 1.0);
    };
    fill(s.n_train, o.A_train, o.b_train);
    fill(s.n_val, o.A_val, o.b_val);
    fill(s.n_test, o.A_test, o.b_test);
    o.corrupted = Vec::Zero(s.n_train);
    for (int64_t i = 0; i < s.n_train; ++i)
        if (rng_b.bernoulli(s.corruption)) {
            o.b_train[i] = -o.b_train[i];
            o.corrupted[i] = 1.0;
        }
    return o;
}

// ℓ(z, b) = log(1 + e^{−bz}),  ℓ' = −b σ(−bz),  ℓ'' = σ(z) σ(−z).
inline double logistic_loss(double z, double b) { return tsr::kit::log1pexp(-b * z); }
inline double logistic_deriv(double z, double b) { return -b * tsr::kit::sigmoid(-b * z); }
inline double logistic_curv(double z) { return tsr::kit::sigmoid(z) * tsr::kit::sigmoid(-z); }

// The validation loss f(w) = mean over idx (all rows when empty) of ℓ(a_jᵀw, b_j), the upper
// level of both problems (it does not depend on x); fy = ∇_w f.
inline double validation_loss(const tsr::RowMat& A, const Vec& b, tsr::CVecMap w, std::span<const int64_t> idx,
                              tsr::VecMap fy) {
    double s = 0.0;
    if (fy.data()) fy.setZero();
    const int64_t m = idx.empty() ? A.rows() : static_cast<int64_t>(idx.size());
    for (int64_t k = 0; k < m; ++k) {
        const int64_t j = idx.empty() ? k : idx[static_cast<size_t>(k)];
        const double z = A.row(j).dot(w);
        s += logistic_loss(z, b[j]);
        if (fy.data()) fy += logistic_deriv(z, b[j]) * A.row(j).transpose();
    }
    const double inv_m = 1.0 / static_cast<double>(m);
    if (fy.data()) fy *= inv_m;
    return s * inv_m;
}

// Fraction of rows of (A, b) that w classifies correctly (sign(a_jᵀw) = b_j, +1 at 0).
inline double accuracy(const tsr::RowMat& A, const Vec& b, const Eigen::Ref<const Vec>& w) {
    const Vec z = A * w;
    int64_t ok = 0;
    for (int64_t j = 0; j < A.rows(); ++j) ok += ((z[j] >= 0.0 ? 1.0 : -1.0) == b[j]);
    return static_cast<double>(ok) / static_cast<double>(A.rows());
}

// The common part of the logistic-regression bilevel problems: y = w ∈ Y = R^d, the upper level
// f(w) = validation loss (n_upper = n_val terms), n_lower = n_train, and the ground truth
// lower_unique = 1, test_A, test_b, w_true (and corrupted when `serve_corrupted`).
class LogisticBilevel {
public:
    int64_t dim_y() const { return data_.A_train.cols(); }
    int64_t n_upper() const { return data_.A_val.rows(); }
    int64_t n_lower() const { return data_.A_train.rows(); }

    double upper(tsr::CVecMap, tsr::CVecMap w, std::span<const int64_t> idx, tsr::VecMap fx, tsr::VecMap fy) {
        if (fx.data()) fx.setZero();
        return validation_loss(data_.A_val, data_.b_val, w, idx, fy);
    }
    void project_y(tsr::CVecMap y, tsr::VecMap out) { out = y; }

    std::optional<double> truth_scalar(std::string_view name) const {
        if (name == "lower_unique") return 1.0;
        return std::nullopt;
    }
    std::optional<tsr_array> truth_array(std::string_view name) const {
        if (name == "corrupted" && serve_corrupted_) return tsr::array_view(data_.corrupted);
        if (name == "test_A") return tsr::array_view(data_.A_test);
        if (name == "test_b") return tsr::array_view(data_.b_test);
        if (name == "w_true") return tsr::array_view(data_.w_true);
        return std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const with[] = {"lower_unique", "corrupted", "test_A", "test_b", "w_true", nullptr};
        static const char* const without[] = {"lower_unique", "test_A", "test_b", "w_true", nullptr};
        return serve_corrupted_ ? with : without;
    }

protected:
    LogisticBilevel(LogisticSplit data, bool serve_corrupted)
        : data_(std::move(data)), serve_corrupted_(serve_corrupted), z_(data_.A_train.rows()), u_(data_.A_train.rows()) {}

    LogisticSplit data_;  // borrowed by truth_array: never resized after creation
    bool serve_corrupted_;
    Vec z_, u_;           // n_train scratch
};

}  // namespace bilevel
