// dag.dagma — linear DAGMA (Bello, Aragam & Ravikumar, "DAGMA: Learning DAGs via M-matrices and a
// log-determinant acyclicity characterization", NeurIPS 2022), least-squares score.
//
//   h^s(W) = −log det(sI − W∘W) + d log s                                       (eq. 4)
//   path following (Algorithm 1): for t = 0..T−1,
//       W^{(t+1)} = argmin_{W ∈ W^{s_t}}  μ_t (Q(W) + λ₁‖W‖₁) + h^{s_t}(W),  μ_{t+1} = μ_factor μ_t
//   from W^{(0)} = 0, μ_0 = mu_init, each solved from the previous one (warm start).
//
// The inner solver is the reference code's (dagma/linear.py, github.com/kevinsbello/dagma):
// Adam (β = (0.99, 0.999), ε = 1e-8; fused with the gradient in math/kernels.hpp) on the subgradient
//   μ(−Σ̂(I − W) + λ₁ sign W) + 2 W ∘ (sI − W∘W)⁻ᵀ,
// warm_iter steps for t < T−1 and max_iter for the last, stopping early when the objective
// changes by <= tol relatively between checkpoints (every `checkpoint` steps). Before each step
// the M-matrix test (sI − W∘W)⁻¹ >= 0: when it fails at the first step or with s <= 0.9 the
// stage is restarted from W^{(t)} with lr halved and s_t + 0.1; otherwise the last step is
// halved (lr ← lr/2) until W is back in the domain (the stage ends when lr <= 1e-16).
// Defaults are those of DagmaLinear.fit: λ₁ = 0.03, T = 5, s = (1, .9, .8, .7, .6), μ_init = 1,
// μ_factor = 0.1, lr = 3e-4, warm_iter = 3e4, max_iter = 6e4, checkpoint = 1000, tol = 1e-6,
// w_threshold = 0.3.
// Trace, one point per stage: objective Q(W) (unthresholded), h^1(W), μ, s, Adam steps.
// Outputs: "W" (d × d, row-major, W[i,j]: i → j); scalars h_final (h^1), score_final.
#include <tessera/kit/dag/path_following_params.hpp>
#include <tessera/kit/dag/s_schedule.hpp>

#include "data.hpp"
#include "math/dagma.hpp"
#include "math/graph.hpp"

namespace causal {

class Dagma {
public:
    static constexpr tsr::Info info{"dag.dagma", "1.0.0",
                                    "linear DAGMA: least squares + l1 with the log-det acyclicity, path following "
                                    "with Adam",
                                    "Bello, Aragam & Ravikumar, DAGMA: Learning DAGs via M-matrices and a "
                                    "log-determinant acyclicity characterization, NeurIPS 2022"};
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params {
        double lambda1 = 0.03;
        int64_t T = 5;
        std::string s = "1,0.9,0.8,0.7,0.6";
        double mu_init = 1.0;
        double mu_factor = 0.1;
        double lr = 3e-4;
        double beta1 = 0.99;
        double beta2 = 0.999;
        int64_t warm_iter = 30000;
        int64_t max_iter = 60000;
        int64_t checkpoint = 1000;
        double tol = 1e-6;
        double w_threshold = 0.3;
        static void schema(tsr::Schema<Params>& s) {
            s.real("lambda1", &Params::lambda1, "l1 weight (DagmaLinear.fit: 0.03)", {.min = 0.0});
            s.integer("stages", &Params::T, "number of path-following stages T (DagmaLinear.fit: T = 5)", {.min = 1});
            tsr::kit::dag::path_following_schema(s);
            s.real("w_threshold", &Params::w_threshold, "output entries |w| < w_threshold are set to 0", {.min = 0.0});
        }
    };

    explicit Dagma(const Params& p) : p_(p), s_(tsr::kit::dag::parse_s_schedule(p.s, p.T)) {}

    void run(tsr::Run& r) {
        const Mat cov = data_covariance(r);
        const int64_t d = cov.rows();
        Stage st(cov, p_);
        Eigen::VectorXd w = Eigen::VectorXd::Zero(d * d);  // W, column-major
        std::vector<double> s = s_;
        double mu = p_.mu_init;
        for (int64_t t = 0; t < p_.T; ++t) {
            const int64_t iters = t == p_.T - 1 ? p_.max_iter : p_.warm_iter;
            double lr = p_.lr;
            Stage::Result res;
            for (;;) {
                res = st.minimize(w, mu, iters, s[static_cast<size_t>(t)], lr, r);
                if (res.success) break;
                r.log(2, "dag.dagma: W left the M-matrix domain; retrying the stage with s + 0.1, lr / 2");
                lr *= 0.5;
                s[static_cast<size_t>(t)] += 0.1;
            }
            w = st.w_result();
            const Eigen::Map<const Mat> W(w.data(), d, d);
            const bool stop = r.report(t, st.score(W), {{"h", st.h(W, 1.0)}, {"mu", mu},
                                                        {"s", s[static_cast<size_t>(t)]},
                                                        {"adam_steps", static_cast<double>(res.steps)}});
            mu *= p_.mu_factor;
            if (stop) break;
        }
        const Eigen::Map<const Mat> W(w.data(), d, d);
        r.put_scalar("h_final", st.h(W, 1.0));
        r.put_scalar("score_final", st.score(W));
        r.put_matrix("W", (W.array().abs() < p_.w_threshold).select(0.0, W).matrix());
    }

private:
    // One stage: Adam on μ(Q + λ₁‖·‖₁) + h^s, with all storage allocated once per run.
    class Stage {
    public:
        struct Result {
            bool success = true;
            int64_t steps = 0;
        };

        Stage(const Mat& cov, const Params& p)
            : p_(p), d_(cov.rows()), ls_(cov), h_(d_), w_(d_ * d_), w_prev_(d_ * d_), m_(d_ * d_), v_(d_ * d_),
              R_(d_, d_) {}

        const Eigen::VectorXd& w_result() const { return w_; }
        double score(const Eigen::Ref<const Mat>& W) { return ls_.value(W); }
        double h(const Eigen::Ref<const Mat>& W, double s) {
            h_.factorize(W, s);
            return h_.value(s);
        }

        // From w0; the result in w_result().
        Result minimize(const Eigen::VectorXd& w0, double mu, int64_t max_iter, double s, double lr, tsr::Run& r) {
            Result res;
            w_ = w0;
            m_.setZero();  // Adam's moments restart with each stage (self.opt_m, self.opt_v = 0, 0)
            v_.setZero();
            double pow1 = 1.0, pow2 = 1.0;  // β1^t, β2^t
            Eigen::Map<Mat> W(w_.data(), d_, d_);
            const Mat& S = ls_.cov();
            double obj_prev = 1e16;
            for (int64_t it = 1; it <= max_iter; ++it) {
                while (!h_.factorize(W, s)) {  // sI − W∘W is not an M-matrix
                    if (it == 1 || s <= 0.9) {
                        res.success = false;
                        return res;
                    }
                    // Undo the last step and take half of it (W = W_prev − (lr/2) grad).
                    lr *= 0.5;
                    w_ = w_prev_ + 0.5 * (w_ - w_prev_);
                    if (lr <= 1e-16) return res;
                }
                // Adam on G = μ(−Σ̂(I − W) + λ₁ sign W) + 2 W ∘ (sI − W∘W)⁻ᵀ (kernels.hpp, fused)
                kernels::cov_residual(S.data(), w_.data(), R_.data(), d_);
                w_prev_ = w_;
                pow1 *= p_.beta1;
                pow2 *= p_.beta2;
                kernels::dagma_adam_step(w_.data(), m_.data(), v_.data(), R_.data(), h_.inverse_transpose().data(),
                                         d_ * d_, mu, p_.lambda1, p_.beta1, p_.beta2, 1.0 / (1.0 - pow1),
                                         1.0 / (1.0 - pow2), 1e-8, lr);
                res.steps = it;
                if (it % p_.checkpoint == 0 || it == max_iter) {
                    const double obj = mu * (ls_.value(W) + p_.lambda1 * W.cwiseAbs().sum()) + h(W, s);
                    if (std::abs((obj_prev - obj) / obj_prev) <= p_.tol) break;
                    obj_prev = obj;
                    if (r.should_stop()) break;
                }
            }
            return res;
        }

    private:
        const Params& p_;
        int64_t d_;
        LeastSquares ls_;
        LogDetAcyclicity h_;
        Eigen::VectorXd w_, w_prev_, m_, v_;  // W (column-major) and Adam's moments
        Mat R_;
    };

    Params p_;
    std::vector<double> s_;
};

TSR_REGISTER(Dagma);

}  // namespace causal
