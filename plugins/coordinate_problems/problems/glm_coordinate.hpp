// glm_coordinate.hpp — generalized linear models served for block coordinate descent:
//
//     F(x) = f(x) + λ‖x‖₁,   f(x) = Σ_i φ(a_iᵀx, b_i) + (μ/2)‖x‖²          (a sum, as in the paper)
//
//     ∇_j f(x)   = a_jᵀ φ'(Ax, b) + μ x_j                  (a_j: column j of A, sparse)
//     ∇²_bb f(x) = A_bᵀ diag(φ''(Ax, b)) A_b + μ I
//     L_j        = c_φ ‖a_j‖² + μ,   M_b = c_φ A_bᵀA_b + μ I ⪰ ∇²_bb f(x) for all x
//
// with c_φ = sup φ'' (1 for least squares, 1/4 for the logistic loss).
//
// Why a margin cache: coordinate methods change a few coordinates per iteration, and every
// oracle needs the margins z = Ax. The model keeps z for the last point it saw and, on each call,
// updates z by the columns whose coordinate changed (O(Σ nnz(a_j)) instead of O(nnz(A))), with a
// full recomputation when many coordinates changed and every kRefreshEvery incremental updates
// (so rounding cannot drift). Results depend only on the sequence of points asked for.
#pragma once

#include <cmath>
#include <span>
#include <vector>

#include <tessera/kit/logistic.hpp>
#include <tessera/sdk.hpp>

#include "sparse_design.hpp"

namespace coordinate_problems {

// φ(z, b) = ½(z − b)².
struct SquaredLoss {
    static constexpr bool quadratic = true;
    static constexpr double curvature_bound = 1.0;
    static double value(double z, double b) { return 0.5 * (z - b) * (z - b); }
    static double deriv(double z, double b) { return z - b; }
    static double curvature(double, double) { return 1.0; }
};

// φ(z, y) = log(1 + exp(−y z)), y ∈ {−1, +1} (overflow-free forms of kit/logistic.hpp).
struct LogisticLoss {
    static constexpr bool quadratic = false;
    static constexpr double curvature_bound = 0.25;
    static double value(double z, double y) { return tsr::kit::log1pexp(-y * z); }
    static double deriv(double z, double y) { return -y * tsr::kit::sigmoid(-y * z); }
    static double curvature(double z, double) { return tsr::kit::sigmoid(z) * tsr::kit::sigmoid(-z); }
};

template <class Loss>
class GlmCoordinate {
public:
    GlmCoordinate(SparseCols A, Vec b, double l2, double l1)
        : A_(std::move(A)), b_(std::move(b)), l2_(l2), l1_(l1), x_(Vec::Zero(A_.cols())), z_(Vec::Zero(A_.rows())),
          w_(A_.rows()) {
        if (A_.rows() != b_.size()) throw tsr::InvalidArgument("A and b have different row counts");
        if (!(l2_ >= 0.0) || !(l1_ >= 0.0)) throw tsr::InvalidArgument("l1 and l2 weights must be >= 0");
        changed_.reserve(static_cast<size_t>(A_.cols()));
        lipschitz_.resize(A_.cols());
        for (int64_t j = 0; j < A_.cols(); ++j) {
            const double L = Loss::curvature_bound * A_.col(j).squaredNorm() + l2_;
            lipschitz_[j] = L > 0.0 ? L : 1.0;  // an unused coordinate: any positive bound holds
        }
    }

    int64_t n() const { return A_.rows(); }
    int64_t d() const { return A_.cols(); }
    double l1() const { return l1_; }
    double l2() const { return l2_; }
    const SparseCols& A() const { return A_; }
    const Vec& b() const { return b_; }
    const Vec& lipschitz() const { return lipschitz_; }

    // f(x), the smooth part.
    double smooth_value(const Eigen::Ref<const Vec>& x) {
        sync(x);
        double s = 0.0;
        for (int64_t i = 0; i < n(); ++i) s += Loss::value(z_[i], b_[i]);
        return s + 0.5 * l2_ * x.squaredNorm();
    }
    // F(x) = f(x) + λ‖x‖₁.
    double value(const Eigen::Ref<const Vec>& x) { return smooth_value(x) + l1_ * x.template lpNorm<1>(); }

    void gradient(const Eigen::Ref<const Vec>& x, Eigen::Ref<Vec> g) {
        sync(x);
        for (int64_t i = 0; i < n(); ++i) w_[i] = Loss::deriv(z_[i], b_[i]);
        g.noalias() = A_.transpose() * w_;
        if (l2_ != 0.0) g += l2_ * x;
    }
    void block_gradient(const Eigen::Ref<const Vec>& x, std::span<const int64_t> idx, Eigen::Ref<Vec> gb) {
        sync(x);
        for (size_t k = 0; k < idx.size(); ++k) {
            const int64_t j = idx[k];
            double s = 0.0;
            for (SparseCols::InnerIterator it(A_, j); it; ++it) s += it.value() * Loss::deriv(z_[it.row()], b_[it.row()]);
            gb[static_cast<int64_t>(k)] = s + l2_ * x[j];
        }
    }
    // M = scale · A_bᵀ diag(c) A_b + μ I, with c = 1 when curvature is nullptr.
    template <class Out>
    void block_matrix(std::span<const int64_t> idx, const double* curvature, double scale, Out& M) const {
        const int64_t m = static_cast<int64_t>(idx.size());
        if (m > kSparseProductFrom) {  // large blocks: one sparse product instead of m²/2 column merges
            SparseCols Ab(n(), m);
            Ab.reserve(Eigen::VectorX<int64_t>::Constant(m, n() > 0 ? A_.nonZeros() / std::max<int64_t>(1, d()) + 1 : 1));
            for (int64_t p = 0; p < m; ++p)
                for (SparseCols::InnerIterator it(A_, idx[p]); it; ++it)
                    Ab.insert(it.row(), p) = it.value() * (curvature ? std::sqrt(curvature[it.row()]) : 1.0);
            const SparseCols P = SparseCols(Ab.transpose()) * Ab;
            M.setZero();
            for (int64_t q = 0; q < m; ++q)
                for (SparseCols::InnerIterator it(P, q); it; ++it) M(it.row(), q) = scale * it.value();
            for (int64_t p = 0; p < m; ++p) M(p, p) += l2_;
            return;
        }
        for (int64_t p = 0; p < m; ++p)
            for (int64_t q = p; q < m; ++q) {
                const double v = scale * sparse_dot(idx[p], idx[q], curvature);
                M(p, q) = v;
                M(q, p) = v;
            }
        for (int64_t p = 0; p < m; ++p) M(p, p) += l2_;
    }
    // M_b = c_φ A_bᵀA_b + μ I.
    template <class Out>
    void block_bound(std::span<const int64_t> idx, Out& M) const {
        block_matrix(idx, nullptr, Loss::curvature_bound, M);
    }
    // ∇²_bb f(x).
    template <class Out>
    void block_hessian(const Eigen::Ref<const Vec>& x, std::span<const int64_t> idx, Out& H) {
        sync(x);
        for (int64_t i = 0; i < n(); ++i) w_[i] = Loss::curvature(z_[i], b_[i]);
        block_matrix(idx, w_.data(), 1.0, H);
    }

    // The margins z = Ax at x (shared with the optimum solvers).
    const Vec& margins(const Eigen::Ref<const Vec>& x) {
        sync(x);
        return z_;
    }

private:
    static constexpr int kRefreshEvery = 256;
    static constexpr int64_t kSparseProductFrom = 32;

    // a_pᵀ diag(c) a_q (c = 1 when nullptr): a merge of two sorted sparse columns.
    double sparse_dot(int64_t p, int64_t q, const double* c) const {
        SparseCols::InnerIterator a(A_, p), b(A_, q);
        double s = 0.0;
        while (a && b) {
            if (a.row() < b.row()) ++a;
            else if (b.row() < a.row()) ++b;
            else {
                s += a.value() * b.value() * (c ? c[a.row()] : 1.0);
                ++a;
                ++b;
            }
        }
        return s;
    }

    // Brings the cached margins z = A x_ to the point x.
    void sync(const Eigen::Ref<const Vec>& x) {
        changed_.clear();
        int64_t work = 0;
        for (int64_t j = 0; j < d(); ++j)
            if (x[j] != x_[j]) {
                changed_.push_back(j);
                work += A_.col(j).nonZeros();
            }
        if (changed_.empty()) return;
        if (work * 2 > A_.nonZeros() || ++incremental_ >= kRefreshEvery) {
            x_ = x;
            z_.noalias() = A_ * x_;
            incremental_ = 0;
            return;
        }
        for (int64_t j : changed_) {
            const double delta = x[j] - x_[j];
            for (SparseCols::InnerIterator it(A_, j); it; ++it) z_[it.row()] += it.value() * delta;
            x_[j] = x[j];
        }
    }

    SparseCols A_;
    Vec b_;
    double l2_, l1_;
    Vec lipschitz_;
    Vec x_, z_, w_;  // the cached point, its margins, an n-sized scratch
    std::vector<int64_t> changed_;
    int incremental_ = 0;
};

}  // namespace coordinate_problems
