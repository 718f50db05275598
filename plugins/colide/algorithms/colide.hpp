// colide.hpp — CoLiDE (Saboksayr, Mateos & Tepper, "CoLiDE: Concomitant Linear DAG Estimation",
// ICLR 2024), one loop for both variants; the Sigma policy (sigma_policy.hpp) is the noise model.
//
//   min_{W, σ}  μ (S(W, σ) + λ‖W‖₁) + h^s(W),   S(W, σ) = ½ Σ_j ([Dᵀ Σ̂ D]_jj / σ_j + σ_j),  D = I − W
//   h^s(W) = −log det(sI − W∘W) + d log s                            (DAGMA's acyclicity, kit/dag)
//
// Path following over μ (Sec. 4.1, as DAGMA's Algorithm 1): stage t minimizes from the previous
// stage's (W, σ) with μ_t = μ_init · μ_factorᵗ and s_t; all but the last stage run warm_iter Adam
// steps, the last max_iter, each stopping early when the objective changes by <= tol relatively
// between checkpoints. One Adam step on W (gradient μ(−Σ̂ D diag(1/σ) + λ sign W) + 2 W∘(sI−W∘W)⁻ᵀ),
// then σ in closed form at the new W — the reference code's block-coordinate order
// (SAMiatto/colide, model.py, minimize()).
// Leaving the M-matrix domain (sI − W∘W not an M-matrix) before a step: at the stage's first step
// or with s <= 0.9 the stage fails and is restarted by the caller with lr/2 and s + 0.1; otherwise
// the last step is halved (lr ← lr/2, σ refreshed) until W is back inside, and the stage ends
// with the previous iterate when lr <= 1e-16.
#pragma once

#include <tessera/kit/dag/dagma.hpp>
#include <tessera/kit/dag/kernels.hpp>
#include <tessera/kit/dag/ls_score.hpp>

#include "sigma_policy.hpp"

namespace colide {

using Mat = Eigen::MatrixXd;
namespace dag = tsr::kit::dag;

struct StageSettings {
    double lambda1, beta1, beta2, tol, sigma_min;
    int64_t checkpoint;
};

// One stage of the path, with all storage allocated once per run.
template <class Sigma>
class Stage {
public:
    struct Result {
        bool success = true;
        int64_t steps = 0;
    };

    Stage(const Mat& cov, const StageSettings& p)
        : p_(p), d_(cov.rows()), S_(cov), h_(d_), w_(d_ * d_), w_prev_(d_ * d_), m_(d_ * d_), v_(d_ * d_),
          R_(d_, d_), Rs_(d_, d_), q_(d_), sigma_(d_) {}

    const Eigen::VectorXd& w() const { return w_; }
    const Vec& sigma() const { return sigma_; }

    // The score S(W, σ) at the current iterate (q_ and sigma_ are kept in step with w_).
    double score() const { return 0.5 * (q_.cwiseQuotient(sigma_) + sigma_).sum(); }
    // h^s at the current iterate; NaN when W is outside the domain W^s.
    double h(double s) { return h_.factorize(W(), s) ? h_.value(s) : std::numeric_limits<double>::quiet_NaN(); }
    double l1() const { return w_.cwiseAbs().sum(); }

    Result minimize(const Eigen::VectorXd& w0, const Vec& sigma0, double mu, int64_t max_iter, double s, double lr,
                    tsr::Run& r) {
        Result res;
        w_ = w0;
        sigma_ = sigma0;  // the gradient of the first step uses the previous stage's σ, as the reference
        refresh_residual();
        m_.setZero();  // Adam's moments restart with each stage (self.opt_m, self.opt_v = 0, 0)
        v_.setZero();
        double pow1 = 1.0, pow2 = 1.0;  // β1^t, β2^t
        double obj_prev = 1e16;
        for (int64_t it = 1; it <= max_iter; ++it) {
            while (!h_.factorize(W(), s)) {  // sI − W∘W is not an M-matrix
                if (it == 1 || s <= 0.9) {
                    res.success = false;
                    return res;
                }
                lr *= 0.5;
                if (lr <= 1e-16) {  // give up the step: the stage ends at the previous iterate
                    w_ = w_prev_;
                    refresh_sigma();
                    return res;
                }
                w_ = w_prev_ + 0.5 * (w_ - w_prev_);  // W_prev − (lr/2)·direction
                refresh_sigma();
            }
            // −∂S/∂W = Σ̂ D diag(1/σ): scale the columns of R = Σ̂ D, then the fused Adam step.
            Rs_ = R_ * sigma_.cwiseInverse().asDiagonal();
            w_prev_ = w_;
            pow1 *= p_.beta1;
            pow2 *= p_.beta2;
            dag::kernels::dagma_adam_step(w_.data(), m_.data(), v_.data(), Rs_.data(), h_.inverse_transpose().data(),
                                          d_ * d_, mu, p_.lambda1, p_.beta1, p_.beta2, 1.0 / (1.0 - pow1),
                                          1.0 / (1.0 - pow2), 1e-8, lr);
            refresh_sigma();  // σ in closed form at the new W
            res.steps = it;
            if (it % p_.checkpoint == 0 || it == max_iter) {
                const double hs = h(s);
                if (std::isfinite(hs)) {  // outside the domain: the next step backtracks first
                    const double obj = mu * (score() + p_.lambda1 * l1()) + hs;
                    if (std::abs((obj_prev - obj) / obj_prev) <= p_.tol) break;
                    obj_prev = obj;
                }
                if (r.should_stop()) break;
            }
        }
        return res;
    }

private:
    Eigen::Map<Mat> W() { return Eigen::Map<Mat>(w_.data(), d_, d_); }

    // R = Σ̂ (I − W) and q_j = [(I − W)ᵀ R]_jj = R_jj − ⟨w_j, r_j⟩ (column j of W and R).
    void refresh_residual() {
        dag::kernels::cov_residual(S_.data(), w_.data(), R_.data(), d_);
        const Eigen::Map<const Mat> Wm(w_.data(), d_, d_);
        q_ = R_.diagonal() - Wm.cwiseProduct(R_).colwise().sum().transpose();
    }
    void refresh_sigma() {
        refresh_residual();
        Sigma::update(q_, p_.sigma_min, sigma_);
    }

    const StageSettings& p_;
    int64_t d_;
    const Mat& S_;
    dag::LogDetAcyclicity h_;
    Eigen::VectorXd w_, w_prev_, m_, v_;  // W (column-major) and Adam's moments
    Mat R_, Rs_;                          // Σ̂ (I − W) and its columns divided by σ_j
    Vec q_, sigma_;                       // residual energies q_j and the noise scales
};

}  // namespace colide
