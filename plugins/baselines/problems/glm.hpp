// glm.hpp — regularized generalized linear models, the one source of truth for the losses of
// ls.synthetic, ls.file, logreg.synthetic and logreg.file.
//
//     f(x) = (1/n) Σ_i φ(a_iᵀx, b_i) + (λ/2)‖x‖²,     f_i(x) = φ(a_iᵀx, b_i) + (λ/2)‖x‖²
//
//     ∇f(x)    = (1/n) Aᵀ φ'(Ax, b) + λx
//     ∇²f(x) v = (1/n) Aᵀ diag(φ''(Ax, b)) A v + λv
//
// Target structure (tsr.target.v1, for target-based surrogate methods): the target of term i is
// its margin z_i = a_iᵀx (width k = 1), its loss ℓ_i(z) = φ(z, b_i), the Jacobian J_i = a_iᵀ, and
// the regularizer (λ/2)‖x‖² is reported apart (l2_weight):
//     targets:       z_r = a_{idx[r]}ᵀ x
//     target_vjp:    (1/m) Σ_r v_r a_{idx[r]}
//     loss_gradient: (1/m) Σ_r φ(z_r, b_{idx[r]}),  gz_r = φ'(z_r, b_{idx[r]})
//
// with the loss φ a small policy (SquaredLoss, LogisticLoss) and the data matrix A either dense
// (tsr::RowMat) or sparse (Eigen::SparseMatrix<double, RowMajor>): Glm<Loss, Matrix> is written
// once for both. Rows are stored row-major so that a minibatch reads whole rows.
//
// The optimum (f_star, x_star) is found on first request by Newton's method with Armijo
// backtracking (Boyd & Vandenberghe 2004, Alg. 9.5; pure Newton steps once ½λ(x)² <= 1e-12 |f|),
// stopping at ‖∇f‖ <= 1e-12 or ½λ(x)² <= 1e-20 max(1, |f|): the Newton system is solved by an LDLT
// factorization of the d × d Hessian when d <= kDirectNewtonMaxDim, else by conjugate gradients
// on Hessian-vector products (Newton-CG, Nocedal & Wright 2006, Alg. 7.1). For the squared loss
// the first Newton step from 0 solves the normal equations (AᵀA/n + λI) x = Aᵀb/n exactly.
#pragma once

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include <tessera/kit/data_file.hpp>
#include <tessera/kit/logistic.hpp>
#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

namespace baselines {

using tsr::Vec;
using SparseRows = tsr::kit::SparseRows;
using CVec = Eigen::Ref<const Vec>;

// φ(z, b) = ½(z − b)²: least squares.
struct SquaredLoss {
    static constexpr bool quadratic = true;
    static double value(double z, double b) {
        const double r = z - b;
        return 0.5 * r * r;
    }
    static double deriv(double z, double b) { return z - b; }
    static double curvature(double, double) { return 1.0; }
};

// φ(z, y) = log(1 + exp(−y z)), y ∈ {−1, +1}: logistic regression (stable forms of kit/logistic.hpp).
struct LogisticLoss {
    static constexpr bool quadratic = false;
    static double value(double z, double y) { return tsr::kit::log1pexp(-y * z); }
    static double deriv(double z, double y) { return -y * tsr::kit::sigmoid(-y * z); }
    static double curvature(double z, double) {  // σ(z)σ(−z), symmetric in y = ±1
        return tsr::kit::sigmoid(z) * tsr::kit::sigmoid(-z);
    }
};

// The minimizer of a Glm, with how it was obtained.
struct Optimum {
    bool found = false;     // f is the optimal value (the infimum)
    bool attained = false;  // x is a minimizer (false for separable data with λ = 0: inf f = 0)
    double f = std::numeric_limits<double>::quiet_NaN();
    Vec x;
    int iterations = 0;
    double grad_norm = std::numeric_limits<double>::quiet_NaN();
};

// Dimension up to which Newton's method factorizes the Hessian; above, Newton-CG.
inline constexpr int64_t kDirectNewtonMaxDim = 2000;

template <class Loss, class Matrix>
class Glm {
public:
    static constexpr bool sparse = std::is_base_of_v<Eigen::SparseMatrixBase<Matrix>, Matrix>;

    Glm(Matrix A, Vec b, double lambda)
        : A_(std::move(A)), b_(std::move(b)), lambda_(lambda), z_(A_.rows()), w_(A_.rows()), u_(A_.rows()) {
        if (A_.rows() != b_.size()) throw tsr::InvalidArgument("Glm: A and b have different row counts");
        if (A_.rows() == 0 || A_.cols() == 0) throw tsr::InvalidArgument("Glm: empty data matrix");
        if (!(lambda_ >= 0.0)) throw tsr::InvalidArgument("Glm: lambda must be >= 0");
    }

    int64_t n() const { return A_.rows(); }
    int64_t d() const { return A_.cols(); }
    const Matrix& A() const { return A_; }
    const Vec& b() const { return b_; }
    double lambda() const { return lambda_; }

    double value(const CVec& x) {
        z_.noalias() = A_ * x;
        double s = 0.0;
        for (int64_t i = 0; i < n(); ++i) s += Loss::value(z_[i], b_[i]);
        return s / static_cast<double>(n()) + 0.5 * lambda_ * x.squaredNorm();
    }

    double value_gradient(const CVec& x, Eigen::Ref<Vec> g) {
        z_.noalias() = A_ * x;
        double s = 0.0;
        for (int64_t i = 0; i < n(); ++i) {
            s += Loss::value(z_[i], b_[i]);
            w_[i] = Loss::deriv(z_[i], b_[i]);
        }
        const double inv_n = 1.0 / static_cast<double>(n());
        g.noalias() = A_.transpose() * w_;
        g = inv_n * g + lambda_ * x;
        return s * inv_n + 0.5 * lambda_ * x.squaredNorm();
    }

    void hessian_vector(const CVec& x, const CVec& v, Eigen::Ref<Vec> hv) {
        set_curvature(x);
        apply_hessian(v, hv);
    }

    // f_B(x) = (1/|B|) Σ_{i∈B} f_i(x).
    double batch_value(const CVec& x, std::span<const int64_t> idx) {
        double s = 0.0;
        for (int64_t i : idx) s += Loss::value(A_.row(i).dot(x), b_[i]);
        return s / static_cast<double>(idx.size()) + 0.5 * lambda_ * x.squaredNorm();
    }

    double batch_value_gradient(const CVec& x, std::span<const int64_t> idx, Eigen::Ref<Vec> g) {
        const double inv_m = 1.0 / static_cast<double>(idx.size());
        double s = 0.0;
        g = lambda_ * x;
        for (int64_t i : idx) {
            const double z = A_.row(i).dot(x);
            s += Loss::value(z, b_[i]);
            g += (inv_m * Loss::deriv(z, b_[i])) * A_.row(i).transpose();
        }
        return s * inv_m + 0.5 * lambda_ * x.squaredNorm();
    }

    // Target structure (see the file comment): margins of the rows idx, their vector-Jacobian
    // product, and the loss on given margins (the part that needs φ).
    void targets(const CVec& x, std::span<const int64_t> idx, Eigen::Ref<Vec> z) const {
        for (size_t r = 0; r < idx.size(); ++r) z[static_cast<Eigen::Index>(r)] = A_.row(idx[r]).dot(x);
    }
    void target_vjp(std::span<const int64_t> idx, const CVec& v, Eigen::Ref<Vec> out) const {
        const double inv_m = 1.0 / static_cast<double>(idx.size());
        out.setZero();
        for (size_t r = 0; r < idx.size(); ++r)
            out += (inv_m * v[static_cast<Eigen::Index>(r)]) * A_.row(idx[r]).transpose();
    }
    // (1/m) Σ_r φ(z_r, b_{idx[r]}); gz_r = φ'(z_r, b_{idx[r]}) when gz is not null.
    double loss_gradient(std::span<const int64_t> idx, const CVec& z, double* gz) const {
        double s = 0.0;
        for (size_t r = 0; r < idx.size(); ++r) {
            const double zr = z[static_cast<Eigen::Index>(r)], br = b_[idx[r]];
            s += Loss::value(zr, br);
            if (gz) gz[r] = Loss::deriv(zr, br);
        }
        return s / static_cast<double>(idx.size());
    }

    // The minimizer, computed on first call (see the file comment) and cached.
    const Optimum& optimum() {
        if (!optimum_) optimum_ = newton();
        return *optimum_;
    }

private:
    // w = φ''(Ax, b) / n: the diagonal of the Hessian's data term at x.
    void set_curvature(const CVec& x) {
        z_.noalias() = A_ * x;
        const double inv_n = 1.0 / static_cast<double>(n());
        for (int64_t i = 0; i < n(); ++i) w_[i] = inv_n * Loss::curvature(z_[i], b_[i]);
    }
    // hv = Aᵀ diag(w) A v + λv, with w from set_curvature.
    void apply_hessian(const CVec& v, Eigen::Ref<Vec> hv) {
        u_.noalias() = A_ * v;
        u_.array() *= w_.array();
        hv.noalias() = A_.transpose() * u_;
        hv += lambda_ * v;
    }

    // Newton direction p solving ∇²f(x) p = −g (w already set at x).
    void newton_direction(const Vec& g, Vec& p) {
        if (d() <= kDirectNewtonMaxDim) {
            Eigen::MatrixXd H(d(), d());
            if constexpr (sparse) {
                Eigen::SparseMatrix<double> Hs = A_.transpose() * (w_.asDiagonal() * A_);
                H = Eigen::MatrixXd(Hs);
            } else {
                const tsr::RowMat B = w_.cwiseSqrt().asDiagonal() * A_;
                H.setZero();
                H.template selfadjointView<Eigen::Lower>().rankUpdate(B.transpose());
            }
            H.diagonal().array() += lambda_;
            p = Eigen::LDLT<Eigen::MatrixXd, Eigen::Lower>(H).solve(-g);
            return;
        }
        // Newton-CG with forcing term η = min(0.5, √‖g‖) (Nocedal & Wright 2006, Alg. 7.1).
        const double gn = g.norm();
        const double tol = std::min(0.5, std::sqrt(gn)) * gn;
        Vec r = -g, dir = r, Hd(d());
        p.setZero();
        double rr = r.squaredNorm();
        const int64_t max_cg = std::max<int64_t>(50, std::min<int64_t>(d(), 1000));
        for (int64_t j = 0; j < max_cg && std::sqrt(rr) > tol; ++j) {
            apply_hessian(dir, Hd);
            const double curv = dir.dot(Hd);
            if (curv <= 0.0) {
                if (j == 0) p = -g;  // no positive curvature: fall back on steepest descent
                break;
            }
            const double alpha = rr / curv;
            p += alpha * dir;
            r -= alpha * Hd;
            const double rr_new = r.squaredNorm();
            dir = r + (rr_new / rr) * dir;
            rr = rr_new;
        }
    }

    Optimum newton() {
        constexpr int kMaxIter = 100;
        constexpr double kGradTol = 1e-12, kAlpha = 1e-4;
        Optimum o;
        Vec x = Vec::Zero(d()), g(d()), p(d()), xt(d());
        double f = value_gradient(x, g);
        for (o.iterations = 0; o.iterations < kMaxIter; ++o.iterations) {
            if (g.norm() <= kGradTol) {
                o.found = true;
                break;
            }
            set_curvature(x);
            newton_direction(g, p);
            const double dec2 = -g.dot(p);  // Newton decrement squared, λ(x)²
            if (!(dec2 > 0.0)) break;
            // ½λ² is the model's predicted decrease: below ~1e-20 relative, f is exact to rounding.
            if (0.5 * dec2 <= 1e-20 * std::max(1.0, std::abs(f))) {
                o.found = true;
                break;
            }
            if (0.5 * dec2 <= 1e-12 * std::max(1.0, std::abs(f))) {
                // Quadratic-convergence phase (B&V §9.5.3): the pure Newton step. Below this
                // decrement the Armijo test compares values equal to rounding and would only
                // shrink the step by chance.
                xt = x + p;
            } else {
                double t = 1.0;
                for (; t > 1e-12; t *= 0.5) {
                    xt = x + t * p;
                    if (value(xt) <= f - kAlpha * t * dec2) break;
                }
                if (t <= 1e-12) break;  // no decrease along a Newton direction: not converging
            }
            x.swap(xt);
            f = value_gradient(x, g);
        }
        if (o.iterations == kMaxIter) o.found = false;
        o.attained = o.found;
        o.grad_norm = g.norm();
        o.f = f;
        if constexpr (!Loss::quadratic) {
            // Unregularized logistic loss on data that x separates (y_i a_iᵀx > 0 for all i):
            // f(t x) → 0 as t → ∞, so inf f = 0 exactly and no minimizer exists.
            z_.noalias() = A_ * x;
            if (lambda_ == 0.0 && (z_.array() * b_.array() > 0.0).all()) {
                o.found = true;
                o.attained = false;
                o.f = 0.0;
            }
        }
        o.x = std::move(x);
        return o;
    }

    Matrix A_;
    Vec b_;
    double lambda_;
    Vec z_, w_, u_;  // n-sized scratch, allocated once
    std::optional<Optimum> optimum_;
};

// A Gaussian design: A_ij ~ N(0, 1) drawn row by row from `rng`, then column j scaled by
// cond^(−j/(2(d−1))), so that the scaled columns span [1/√cond, 1] and the Hessian AᵀA/n of the
// least-squares loss has condition number ≈ cond (exactly cond in expectation as n → ∞).
// cond = 1 leaves A unscaled.
inline tsr::RowMat gaussian_design(int64_t n, int64_t d, double cond, tsr::kit::Rng& rng) {
    tsr::RowMat A(n, d);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < d; ++j) A(i, j) = rng.normal();
    if (cond != 1.0 && d > 1)
        for (int64_t j = 0; j < d; ++j)
            A.col(j) *= std::pow(cond, -0.5 * static_cast<double>(j) / static_cast<double>(d - 1));
    return A;
}

// The served problem: Objective, FiniteSum, Target, Dataset and GroundTruth over a Glm whose data
// matrix is dense or sparse (known only after reading a file, hence the variant). Each
// component (ls.synthetic, ls.file, ...) derives from it and only builds its data.
template <class Loss>
class GlmProblem {
public:
    using provides = tsr::Provides<tsr::Objective, tsr::FiniteSum, tsr::Target, tsr::Dataset, tsr::GroundTruth>;
    using Model = std::variant<Glm<Loss, tsr::RowMat>, Glm<Loss, SparseRows>>;

    // x_true: the planted parameter of a synthetic instance (served as ground truth "x_true").
    explicit GlmProblem(Model model, std::optional<Vec> x_true = std::nullopt)
        : model_(std::move(model)), x_true_(std::move(x_true)) {
        std::visit(
            [&](auto& m) {
                using M = std::decay_t<decltype(m)>;
                if constexpr (!M::sparse)
                    matrices_.push_back(tsr::matrix_view("X", m.A().data(), m.n(), m.d()));
                matrices_.push_back(tsr::matrix_view("y", m.b().data(), m.n(), 1));
            },
            model_);
    }
    GlmProblem(const GlmProblem&) = delete;  // the dataset views point into model_
    GlmProblem& operator=(const GlmProblem&) = delete;

    int64_t dim() const { return std::visit([](auto& m) { return m.d(); }, model_); }
    int64_t n_terms() const { return std::visit([](auto& m) { return m.n(); }, model_); }
    void initial_point(tsr::VecMap x0) const { x0.setZero(); }

    double value(tsr::CVecMap x) { return std::visit([&](auto& m) { return m.value(x); }, model_); }
    double value_gradient(tsr::CVecMap x, tsr::VecMap g) {
        return std::visit([&](auto& m) { return m.value_gradient(x, g); }, model_);
    }
    void hessian_vector(tsr::CVecMap x, tsr::CVecMap v, tsr::VecMap hv) {
        std::visit([&](auto& m) { m.hessian_vector(x, v, hv); }, model_);
    }
    double batch_value(tsr::CVecMap x, std::span<const int64_t> idx) {
        return std::visit([&](auto& m) { return m.batch_value(x, idx); }, model_);
    }
    double batch_value_gradient(tsr::CVecMap x, std::span<const int64_t> idx, tsr::VecMap g) {
        return std::visit([&](auto& m) { return m.batch_value_gradient(x, idx, g); }, model_);
    }

    // tsr.target.v1: margins z_i = a_iᵀx (k = 1), ℓ_i = φ(·, b_i), λ apart.
    int64_t target_width() const { return 1; }
    double l2_weight() const { return std::visit([](auto& m) { return m.lambda(); }, model_); }
    void targets(tsr::CVecMap x, std::span<const int64_t> idx, tsr::RowMatMap z) {
        std::visit([&](auto& m) { m.targets(x, idx, column(z)); }, model_);
    }
    void target_vjp(tsr::CVecMap x, std::span<const int64_t> idx, tsr::CRowMatMap v, tsr::VecMap out) {
        (void)x;  // linear targets: the Jacobian does not depend on x
        const tsr::CVecMap vc(v.data(), v.rows());
        std::visit([&](auto& m) { m.target_vjp(idx, vc, out); }, model_);
    }
    double loss_gradient(std::span<const int64_t> idx, tsr::CRowMatMap z, tsr::RowMatMap gz) {
        const tsr::CVecMap zc(z.data(), z.rows());
        return std::visit([&](auto& m) { return m.loss_gradient(idx, zc, gz.data()); }, model_);
    }

    std::span<const tsr_matrix> matrices() const { return matrices_; }

    std::optional<double> truth_scalar(std::string_view name) {
        if (name != "f_star") return std::nullopt;
        const Optimum& o = optimum();
        return o.found ? std::optional<double>(o.f) : std::nullopt;
    }
    std::optional<tsr_array> truth_array(std::string_view name) {
        if (name == "x_true" && x_true_) return tsr::array_view(*x_true_);
        if (name != "x_star") return std::nullopt;
        const Optimum& o = optimum();
        return o.attained ? std::optional<tsr_array>(tsr::array_view(o.x)) : std::nullopt;
    }
    const char* const* truth_names() const {
        static const char* const planted[] = {"f_star", "x_star", "x_true", nullptr};
        static const char* const plain[] = {"f_star", "x_star", nullptr};
        return x_true_ ? planted : plain;
    }

    const Optimum& optimum() {
        return std::visit([](auto& m) -> const Optimum& { return m.optimum(); }, model_);
    }

private:
    static tsr::VecMap column(tsr::RowMatMap z) { return tsr::VecMap(z.data(), z.rows()); }

    Model model_;
    std::optional<Vec> x_true_;
    std::vector<tsr_matrix> matrices_;
};

}  // namespace baselines
