// softmax.hpp — L2-regularized multinomial (softmax) logistic regression, the model behind
// softmax.synthetic.
//
//     f(θ) = (1/n) Σ_i ℓ(Wᵀa_i, y_i) + (λ/2)‖θ‖²,     ℓ(z, y) = log Σ_c exp(z_c) − z_y,
//
// with W ∈ R^{d×k} stored row-major in θ (θ[j·k + c] = W_jc), a_i ∈ R^d the rows of A and
// y_i ∈ {0, …, k−1}. With p_i = softmax(Wᵀa_i) and e_y the y-th unit vector:
//
//     ∇_W f    = (1/n) Aᵀ (P − Y) + λW                         (P, Y: n × k, rows p_i, e_{y_i})
//     ∇²f      = (1/n) Σ_i (a_i a_iᵀ) ⊗ (diag(p_i) − p_i p_iᵀ) + λI   (index j·k + c, as θ)
//
// Target structure (tsr.target.v1): the target of term i is its k logits z_i = Wᵀa_i, its loss
// ℓ(·, y_i) with gradient ∇ℓ = softmax(z) − e_y (1/2-smooth: the largest eigenvalue of
// diag(p) − ppᵀ is at most 1/2), the Jacobian-transpose product J_iᵀ v = a_i vᵀ (a d × k matrix).
//
// The optimum is found on first request by Newton's method with Armijo backtracking on the
// dk × dk Hessian (LDLT; B&V 2004, Alg. 9.5), stopping as glm.hpp does; it needs λ > 0 (the
// loss alone is invariant to adding one vector to every column of W, so its Hessian is singular)
// and dk <= kSoftmaxNewtonMaxDim. Log-sum-exp is computed after subtracting the row maximum.
#pragma once

#include <Eigen/Dense>
#include <cmath>
#include <optional>
#include <span>

#include <tessera/sdk.hpp>

#include "glm.hpp"  // Optimum

namespace baselines {

// Largest d·k for which the optimum is computed (Newton on a dense dk × dk Hessian).
inline constexpr int64_t kSoftmaxNewtonMaxDim = 1500;

class Softmax {
public:
    Softmax(tsr::RowMat A, Eigen::VectorXi y, int64_t k, double lambda)
        : A_(std::move(A)), y_(std::move(y)), k_(k), lambda_(lambda), Z_(A_.rows(), k), P_(A_.rows(), k) {
        if (A_.rows() != y_.size()) throw tsr::InvalidArgument("Softmax: A and y have different row counts");
        if (A_.rows() == 0 || A_.cols() == 0 || k_ < 2) throw tsr::InvalidArgument("Softmax: empty data or k < 2");
        if ((y_.array() < 0).any() || (y_.array() >= k_).any())
            throw tsr::InvalidArgument("Softmax: a label is outside 0..k-1");
    }

    int64_t n() const { return A_.rows(); }
    int64_t d() const { return A_.cols(); }
    int64_t k() const { return k_; }
    int64_t dim() const { return d() * k_; }
    double lambda() const { return lambda_; }
    const tsr::RowMat& A() const { return A_; }
    const Eigen::VectorXi& y() const { return y_; }

    // ℓ(z, y) for one row of logits; when g is given, g = softmax(z) − e_y.
    template <class Row, class Out>
    static double row_loss(const Row& z, int y, Out* g) {
        const double mx = z.maxCoeff();
        const double lse = mx + std::log((z.array() - mx).exp().sum());
        if (g) {
            *g = (z.array() - lse).exp().matrix();
            (*g)[y] -= 1.0;
        }
        return lse - z[y];
    }

    double value(const Eigen::Ref<const Vec>& theta) { return value_gradient(theta, nullptr); }

    // f(θ), and ∇f(θ) into g when given.
    double value_gradient(const Eigen::Ref<const Vec>& theta, Eigen::Ref<Vec>* g) {
        const Eigen::Map<const tsr::RowMat> W(theta.data(), d(), k_);
        Z_.noalias() = A_ * W;
        double s = 0.0;
        for (int64_t i = 0; i < n(); ++i) {
            auto p = P_.row(i);
            s += g ? row_loss(Z_.row(i), y_[i], &p) : row_loss(Z_.row(i), y_[i], static_cast<decltype(p)*>(nullptr));
        }
        const double inv_n = 1.0 / static_cast<double>(n());
        if (g) {
            Eigen::Map<tsr::RowMat> G(g->data(), d(), k_);
            G.noalias() = A_.transpose() * P_;
            G = inv_n * G + lambda_ * W;
        }
        return s * inv_n + 0.5 * lambda_ * theta.squaredNorm();
    }

    // f_B(θ) = (1/|B|) Σ_{i∈B} ℓ_i(θ) + (λ/2)‖θ‖², and its gradient into g when given.
    double batch_value_gradient(const Eigen::Ref<const Vec>& theta, std::span<const int64_t> idx, double* g) {
        const Eigen::Map<const tsr::RowMat> W(theta.data(), d(), k_);
        const double inv_m = 1.0 / static_cast<double>(idx.size());
        if (g) Eigen::Map<tsr::RowMat>(g, d(), k_) = lambda_ * W;
        double s = 0.0;
        auto z = Z_.row(0);
        auto p = P_.row(0);
        for (int64_t i : idx) {
            z.noalias() = A_.row(i) * W;
            if (!g) {
                s += row_loss(z, y_[i], static_cast<decltype(p)*>(nullptr));
                continue;
            }
            s += row_loss(z, y_[i], &p);
            Eigen::Map<tsr::RowMat>(g, d(), k_).noalias() += (inv_m * A_.row(i).transpose()) * p;
        }
        return s * inv_m + 0.5 * lambda_ * theta.squaredNorm();
    }

    // Target structure: logits of the rows idx (m × k), and (1/m) Σ_r a_{idx[r]} v_r (d × k).
    void targets(const Eigen::Ref<const Vec>& theta, std::span<const int64_t> idx, tsr::RowMatMap z) const {
        const Eigen::Map<const tsr::RowMat> W(theta.data(), d(), k_);
        for (size_t r = 0; r < idx.size(); ++r) z.row(static_cast<Eigen::Index>(r)).noalias() = A_.row(idx[r]) * W;
    }
    void target_vjp(std::span<const int64_t> idx, tsr::CRowMatMap v, double* out) const {
        Eigen::Map<tsr::RowMat> G(out, d(), k_);
        G.setZero();
        const double inv_m = 1.0 / static_cast<double>(idx.size());
        for (size_t r = 0; r < idx.size(); ++r)
            G.noalias() += (inv_m * A_.row(idx[r]).transpose()) * v.row(static_cast<Eigen::Index>(r));
    }
    double loss_gradient(std::span<const int64_t> idx, tsr::CRowMatMap z, double* gz) const {
        double s = 0.0;
        for (size_t r = 0; r < idx.size(); ++r) {
            const auto row = z.row(static_cast<Eigen::Index>(r));
            if (gz) {
                Eigen::Map<Eigen::RowVectorXd> g(gz + r * static_cast<size_t>(k_), k_);
                s += row_loss(row, y_[idx[r]], &g);
            } else {
                s += row_loss(row, y_[idx[r]], static_cast<Eigen::Map<Eigen::RowVectorXd>*>(nullptr));
            }
        }
        return s / static_cast<double>(idx.size());
    }

    // The minimizer (see the file comment), computed on first call and cached.
    const Optimum& optimum() {
        if (!optimum_) optimum_ = newton();
        return *optimum_;
    }

private:
    // H = ∇²f(θ), P_ holding the rows ∇ℓ_i = p_i − e_{y_i} at θ (value_gradient leaves them).
    void hessian(Eigen::MatrixXd& H) const {
        const int64_t D = dim();
        H.setZero(D, D);
        Eigen::MatrixXd Di(k_, k_);
        Eigen::RowVectorXd p(k_);
        for (int64_t i = 0; i < n(); ++i) {
            p = P_.row(i);
            p[y_[i]] += 1.0;  // p_i = softmax(z_i)
            Di = -p.transpose() * p;
            Di.diagonal() += p.transpose();
            for (int64_t j = 0; j < d(); ++j)
                for (int64_t jj = 0; jj <= j; ++jj)
                    H.block(j * k_, jj * k_, k_, k_) += (A_(i, j) * A_(i, jj)) * Di;
        }
        H /= static_cast<double>(n());
        H.diagonal().array() += lambda_;
    }

    Optimum newton() {
        Optimum o;
        if (!(lambda_ > 0.0) || dim() > kSoftmaxNewtonMaxDim) return o;
        constexpr int kMaxIter = 100;
        constexpr double kGradTol = 1e-12, kAlpha = 1e-4;
        const int64_t D = dim();
        Vec x = Vec::Zero(D), g(D), p(D), xt(D);
        Eigen::MatrixXd H(D, D);
        Eigen::Ref<Vec> gr(g);
        double f = value_gradient(x, &gr);  // leaves P_ at x
        for (o.iterations = 0; o.iterations < kMaxIter; ++o.iterations) {
            if (g.norm() <= kGradTol) {
                o.found = true;
                break;
            }
            hessian(H);
            p = Eigen::LDLT<Eigen::MatrixXd, Eigen::Lower>(H).solve(-g);
            const double dec2 = -g.dot(p);
            if (!(dec2 > 0.0)) break;
            if (0.5 * dec2 <= 1e-20 * std::max(1.0, std::abs(f))) {
                o.found = true;
                break;
            }
            if (0.5 * dec2 <= 1e-12 * std::max(1.0, std::abs(f))) {
                xt = x + p;  // quadratic phase: the pure Newton step (see glm.hpp)
            } else {
                double t = 1.0;
                for (; t > 1e-12; t *= 0.5) {
                    xt = x + t * p;
                    if (value(xt) <= f - kAlpha * t * dec2) break;
                }
                if (t <= 1e-12) break;
            }
            x.swap(xt);
            f = value_gradient(x, &gr);
        }
        if (o.iterations == kMaxIter) o.found = false;
        o.attained = o.found;
        o.grad_norm = g.norm();
        o.f = f;
        o.x = std::move(x);
        return o;
    }

    tsr::RowMat A_;
    Eigen::VectorXi y_;
    int64_t k_;
    double lambda_;
    tsr::RowMat Z_, P_;  // n × k scratch: logits and the rows ∇ℓ_i = p_i − e_{y_i}
    std::optional<Optimum> optimum_;
};

}  // namespace baselines
