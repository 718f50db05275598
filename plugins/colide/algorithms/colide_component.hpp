// colide_component.hpp — the CoLiDE component (colide.ev / colide.nv): parameters with the
// reference defaults, the path over μ (Stage in colide.hpp) and the outputs.
//
// Defaults: those of the reference script's calls (SAMiatto/colide, main.py: fit(X, lambda1=0.05,
// T=4, s=[1.0, .9, .8, .7], warm_iter=2e4, max_iter=7e4, lr=0.0003)) and, where main.py passes
// nothing, of model.py's fit()/minimize(): μ_init = 1, μ_factor = 0.1, checkpoint = 1000,
// β = (0.99, 0.999), ε = 1e-8, tol = 1e-6; output threshold 0.3 (main.py: to_dag(W, thr=0.3)).
// Trace, one point per stage: score S(W, σ) (unthresholded), h^1(W), μ, s, Adam steps, mean σ.
// Outputs: "W" (d × d, W[i,j]: i → j, |w| <= w_threshold set to 0), "sigma" (the d noise scales),
// scalars h_final (h^1), score_final (S(W, σ)).
#pragma once

#include <tessera/kit/dag/path_following_params.hpp>
#include <tessera/kit/dag/s_schedule.hpp>

#include <string>
#include <vector>

#include "colide.hpp"

namespace colide {

template <class Sigma>
class Colide {
public:
    static constexpr tsr::Info info = Sigma::info;
    static constexpr const char* needs[] = {TSR_DATASET_V1};
    struct Params {
        double lambda1 = 0.05;
        int64_t T = 4;
        std::string s = "1,0.9,0.8,0.7";
        double mu_init = 1.0;
        double mu_factor = 0.1;
        double lr = 3e-4;
        double beta1 = 0.99;
        double beta2 = 0.999;
        int64_t warm_iter = 20000;
        int64_t max_iter = 70000;
        int64_t checkpoint = 1000;
        double tol = 1e-6;
        double w_threshold = 0.3;
        double sigma_min = 0.0;
        static void schema(tsr::Schema<Params>& s) {
            s.real("lambda1", &Params::lambda1, "l1 weight (reference main.py: 0.05)", {.min = 0.0});
            s.integer("stages", &Params::T, "number of path-following stages T (main.py: 4)", {.min = 1});
            tsr::kit::dag::path_following_schema(s);
            s.real("w_threshold", &Params::w_threshold, "output entries |w| <= w_threshold are set to 0",
                   {.min = 0.0});
            s.real("sigma_min", &Params::sigma_min,
                   "floor of the closed-form noise scales (the paper's sigma_0; the reference code uses none: 0)",
                   {.min = 0.0});
        }
    };

    explicit Colide(const Params& p)
        : p_(p), s_(dag::parse_s_schedule(p.s, p.T)),
          settings_{p.lambda1, p.beta1, p.beta2, p.tol, p.sigma_min, p.checkpoint} {}

    void run(tsr::Run& r) {
        const tsr::MatrixView X = r.dataset().matrix("X");
        if (X.rows() < 1 || X.cols() < 1) throw tsr::InvalidArgument("dataset 'X' is empty");
        const Mat cov = dag::covariance(X, true);  // Σ̂ of the column-centered X, as fit()
        const int64_t d = cov.rows();
        Stage<Sigma> st(cov, settings_);
        Eigen::VectorXd w = Eigen::VectorXd::Zero(d * d);  // W^(0) = 0, column-major
        Vec sigma(d);
        Sigma::init(cov, sigma);
        std::vector<double> s = s_;
        double mu = p_.mu_init;
        for (int64_t t = 0; t < p_.T; ++t) {
            const int64_t iters = t == p_.T - 1 ? p_.max_iter : p_.warm_iter;
            double lr = p_.lr;
            double& st_s = s[static_cast<size_t>(t)];
            typename Stage<Sigma>::Result res;
            for (;;) {
                res = st.minimize(w, sigma, mu, iters, st_s, lr, r);
                if (res.success) break;
                r.log(2, "colide: W left the M-matrix domain; retrying the stage with s + 0.1, lr / 2");
                lr *= 0.5;
                st_s += 0.1;
            }
            w = st.w();
            sigma = st.sigma();
            const bool stop = r.report(t, st.score(), {{"h", st.h(1.0)}, {"mu", mu}, {"s", st_s},
                                                       {"adam_steps", static_cast<double>(res.steps)},
                                                       {"sigma_mean", sigma.mean()}});
            mu *= p_.mu_factor;
            if (stop) break;
        }
        const Eigen::Map<const Mat> W(w.data(), d, d);
        r.put_scalar("h_final", st.h(1.0));
        r.put_scalar("score_final", st.score());
        r.put_vector("sigma", sigma);
        r.put_matrix("W", (W.array().abs() <= p_.w_threshold).select(0.0, W).matrix());
    }

private:
    Params p_;
    std::vector<double> s_;
    StageSettings settings_;
};

}  // namespace colide
