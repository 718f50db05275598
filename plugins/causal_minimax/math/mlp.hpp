// mlp.hpp — the regressor every piece of the causal minimax method is made of: the predictor
// f_S' = E[Y | x_S', do(x_M)], the fitted stable mechanisms used to regenerate descendants, and
// the intervention functions J_m on the mutable mechanisms. As the reference code
// (lmz123321/which_invariance, utils/neuralnet.py, NonLinearF): one hidden layer of sigmoids,
//
//   f(x) = y_mu + y_sd · ( b + cᵀz + aᵀ σ(W z + β) ),   z = (x − x_mu) ⊘ x_sd,
//
// with a linear part c (0 and frozen unless `linear` is on: hidden = 0 and linear on is ordinary
// least squares). Parameters live in one flat vector θ = [vec(W) (H×p, column-major), β, a, c, b]
// so that tsr::kit::AdamUpdate steps them. The standardization (x_mu, x_sd, y_mu, y_sd) is fixed
// from the data before fitting and is not a parameter.
//
// Workspace: forward() keeps the hidden activations for backward(); no allocation once sized.
// Thread rule: a value.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include <Eigen/Dense>

#include <tessera/kit/adam_update.hpp>
#include <tessera/kit/rng.hpp>
#include <tessera/sdk/eigen.hpp>

namespace minimax {

using Mat = Eigen::MatrixXd;
using Vec = Eigen::VectorXd;

struct FitOptions {
    int64_t hidden = 12;       // H (reference: 12 for f_S', max(1, |pa|/2) for mechanisms)
    int64_t iterations = 10000;  // full-batch Adam steps (reference: 10000 for f_S', 5000 for mechanisms)
    double lr = 0.02;            // Adam step (reference: 0.02 for f_S', 0.01 for mechanisms)
    bool linear = false;         // also fit the linear part c
    // early stop when the loss has not moved by min_delta for `patience` steps (reference
    // EarlyStopping; patience 0: never)
    int64_t patience = 0;
    double min_delta = 0.01;
};

class Mlp {
public:
    Mlp() = default;
    Mlp(int64_t p, int64_t hidden, bool linear) { shape(p, hidden, linear); }

    void shape(int64_t p, int64_t hidden, bool linear) {
        p_ = p;
        h_ = hidden;
        linear_ = linear;
        theta_ = Vec::Zero(h_ * p_ + 2 * h_ + p_ + 1);
        x_mu_ = Vec::Zero(p_);
        x_sd_ = Vec::Ones(p_);
        y_mu_ = 0.0;
        y_sd_ = 1.0;
    }
    // Uniform(±1/√fan_in) weights (torch.nn.Linear's default; the reference's constant
    // initialization would keep every hidden unit identical), zero linear part.
    void init_random(tsr::kit::Rng& rng) {
        const double s1 = 1.0 / std::sqrt(static_cast<double>(std::max<int64_t>(p_, 1)));
        const double s2 = 1.0 / std::sqrt(static_cast<double>(std::max<int64_t>(h_, 1)));
        for (int64_t i = 0; i < h_ * p_ + h_; ++i) theta_[i] = rng.uniform(-s1, s1);
        for (int64_t i = 0; i < h_; ++i) theta_[h_ * p_ + h_ + i] = rng.uniform(-s2, s2);
        theta_.tail(p_ + 1).setZero();
    }
    void standardize_from(const Mat& X, const Vec& y) {
        x_mu_ = X.colwise().mean().transpose();
        for (int64_t j = 0; j < p_; ++j) {
            const double sd = std::sqrt((X.col(j).array() - x_mu_[j]).square().mean());
            x_sd_[j] = sd > 1e-12 ? sd : 1.0;
        }
        y_mu_ = y.mean();
        const double sd = std::sqrt((y.array() - y_mu_).square().mean());
        y_sd_ = sd > 1e-12 ? sd : 1.0;
    }

    int64_t inputs() const { return p_; }
    int64_t hidden() const { return h_; }
    bool linear() const { return linear_; }
    Vec& theta() { return theta_; }
    const Vec& theta() const { return theta_; }
    const Vec& x_mu() const { return x_mu_; }
    const Vec& x_sd() const { return x_sd_; }
    double y_mu() const { return y_mu_; }
    double y_sd() const { return y_sd_; }
    void set_standardization(const Vec& x_mu, const Vec& x_sd, double y_mu, double y_sd) {
        x_mu_ = x_mu;
        x_sd_ = x_sd;
        y_mu_ = y_mu;
        y_sd_ = y_sd;
    }

    // out = f(X) (n × p → n); keeps z and σ for backward().
    void forward(const Mat& X, Vec& out) {
        const int64_t n = X.rows();
        z_ = (X.rowwise() - x_mu_.transpose()).array().rowwise() / x_sd_.transpose().array();
        out.resize(n);
        out.setConstant(b());
        if (linear_) out.noalias() += z_ * c();
        if (h_ > 0) {
            act_.noalias() = z_ * W().transpose();
            act_.rowwise() += beta().transpose();
            act_ = (1.0 + (-act_.array()).exp()).inverse().matrix();
            out.noalias() += act_ * a();
        }
        out = y_mu_ + y_sd_ * out.array();
    }

    // The adjoints of forward()'s last call: given g = ∂L/∂out (n), adds ∂L/∂θ to *g_theta and
    // writes ∂L/∂X to *g_X (either may be null).
    void backward(const Vec& g, Vec* g_theta, Mat* g_X) {
        gs_ = y_sd_ * g;  // ∂L/∂(standardized output)
        if (h_ > 0) {
            // ∂L/∂pre = (g a_k) σ(1 − σ); in three statements because Eigen evaluates an outer
            // product inside a coefficient-wise expression into a heap temporary
            gpre_.noalias() = gs_ * a().transpose();
            gpre_.array() *= act_.array();
            gpre_.array() *= 1.0 - act_.array();
        }
        if (g_theta) {
            if (linear_) g_theta->segment(h_ * p_ + 2 * h_, p_).noalias() += z_.transpose() * gs_;
            if (h_ > 0) {
                Eigen::Map<Mat> gW(g_theta->data(), h_, p_);
                gW.noalias() += gpre_.transpose() * z_;
                g_theta->segment(h_ * p_, h_).noalias() += gpre_.colwise().sum().transpose();
                g_theta->segment(h_ * p_ + h_, h_).noalias() += act_.transpose() * gs_;
            }
            (*g_theta)[theta_.size() - 1] += gs_.sum();
        }
        // fit() passes no g_X, and ∂L/∂X costs as much as the weight gradient: only on request
        if (g_X) {
            gz_.setZero(z_.rows(), p_);
            if (linear_) gz_.noalias() += gs_ * c().transpose();
            if (h_ > 0) gz_.noalias() += gpre_ * W();
            *g_X = gz_.array().rowwise() / x_sd_.transpose().array();
        }
    }

    // Σ of the weight matrices' Frobenius norms, ‖W‖ + ‖a‖ (the reference's regularizer with
    // p = 2), and its gradient added to *g_theta times `scale`.
    double weight_norm(Vec* g_theta = nullptr, double scale = 1.0) const {
        const double nw = W().norm(), na = a().norm();
        if (g_theta) {
            if (nw > 0) g_theta->head(h_ * p_) += scale * theta_.head(h_ * p_) / nw;
            if (na > 0) g_theta->segment(h_ * p_ + h_, h_) += scale * a() / na;
        }
        return nw + na;
    }

    // Least squares by full-batch Adam (reference: NonLinearF.fit with opt = 'Adam'); the
    // standardization is taken from (X, y). Returns the final training MSE (in y's units) and,
    // when `fitted` is given, the final f(X) there (the MSE needs it anyway; callers that want the
    // residuals need not run forward() again).
    double fit(const Mat& X, const Vec& y, const FitOptions& o, tsr::kit::Rng& rng, Vec* fitted = nullptr) {
        Vec local;
        Vec& out = fitted ? *fitted : local;
        shape(X.cols(), o.hidden, o.linear);
        init_random(rng);
        standardize_from(X, y);
        if (h_ == 0 && linear_) return fit_linear_exact(X, y, out);
        if (p_ == 0 || (h_ == 0 && !linear_)) {  // a constant: the mean of y
            forward(X, out);
            return (out - y).squaredNorm() / static_cast<double>(X.rows());
        }
        tsr::kit::AdamUpdate adam;
        adam.init(theta_.size());
        Vec g, g_theta(theta_.size());
        double loss = 0.0, best = std::numeric_limits<double>::infinity();
        int64_t stale = 0;
        const double n = static_cast<double>(X.rows());
        for (int64_t it = 0; it < o.iterations; ++it) {
            forward(X, out);
            g = out - y;
            loss = g.squaredNorm() / n;
            if (o.patience > 0) {  // on the loss in units of Var(y), as the reference's normalized data
                const double scaled = loss / (y_sd_ * y_sd_);
                if (std::abs(best - scaled) > o.min_delta) {
                    best = scaled;
                    stale = 0;
                } else if (++stale >= o.patience) {
                    break;
                }
            }
            g *= 2.0 / n;
            g_theta.setZero();
            backward(g, &g_theta, nullptr);
            if (!linear_) g_theta.segment(h_ * p_ + 2 * h_, p_).setZero();
            adam.step(theta_, g_theta, o.lr);
        }
        forward(X, out);
        return (out - y).squaredNorm() / n;
    }

private:
    // hidden = 0, linear: the least-squares solution in the standardized coordinates.
    double fit_linear_exact(const Mat& X, const Vec& y, Vec& out) {
        if (p_ == 0) {
            forward(X, out);
            return (out - y).squaredNorm() / static_cast<double>(X.rows());
        }
        const Mat Z = (X.rowwise() - x_mu_.transpose()).array().rowwise() / x_sd_.transpose().array();
        const Vec t = (y.array() - y_mu_) / y_sd_;
        const Mat G = Z.transpose() * Z + 1e-10 * Mat::Identity(p_, p_);
        theta_.segment(h_ * p_ + 2 * h_, p_) = G.ldlt().solve(Z.transpose() * t);
        theta_[theta_.size() - 1] = 0.0;  // centered: no intercept in standardized units
        forward(X, out);
        return (out - y).squaredNorm() / static_cast<double>(X.rows());
    }

    Eigen::Map<const Mat> W() const { return {theta_.data(), h_, p_}; }
    Eigen::VectorBlock<const Vec> beta() const { return theta_.segment(h_ * p_, h_); }
    Eigen::VectorBlock<const Vec> a() const { return theta_.segment(h_ * p_ + h_, h_); }
    Eigen::VectorBlock<const Vec> c() const { return theta_.segment(h_ * p_ + 2 * h_, p_); }
    double b() const { return theta_[theta_.size() - 1]; }

    int64_t p_ = 0, h_ = 0;
    bool linear_ = false;
    Vec theta_, x_mu_, x_sd_;
    double y_mu_ = 0.0, y_sd_ = 1.0;
    Mat z_, act_, gpre_, gz_;
    Vec gs_;
};

}  // namespace minimax
