// logreg.synthetic — L2-regularized logistic regression on a planted linear classifier.
//
//   f(x) = (1/n) Σ_i log(1 + exp(−y_i a_iᵀx)) + (λ/2) ‖x‖²,   y_i ∈ {−1, +1}
//   f_i(x) = log(1 + exp(−y_i a_iᵀx)) + (λ/2) ‖x‖²
//
// Instance from the seed (tsr::kit::Rng streams mix_seed(seed, k)):
//   k = 1: A ∈ R^{n×d}, A_ij ~ N(0, 1) row by row, columns scaled to condition `cond` as in
//          ls.synthetic (gaussian_design in glm.hpp);
//   k = 2: x_true ~ N(0, I_d);
//   k = 3: y_i = sign(a_iᵀ x_true) (+1 at 0), then flipped with probability label_noise.
// Known optimum: no closed form. f_star and x_star are computed on first request by Newton's
// method with backtracking to ‖∇f‖ <= 1e-12 (glm.hpp; a few ms for d <= a few hundred). With
// λ = 0 and separable labels no minimizer exists: f_star = 0 (the infimum) and x_star is absent.
// x_true is served too. Initial point: 0. Numerics: log1pexp/sigmoid of kit/logistic.hpp.
// Reference: the standard convex finite-sum benchmark, e.g. Bottou, Curtis & Nocedal 2018 §3;
// Schmidt, Le Roux & Bach, "Minimizing finite sums with the stochastic average gradient", 2017.
#include "glm.hpp"

namespace baselines {

class LogregSynthetic : public GlmProblem<LogisticLoss> {
public:
    static constexpr tsr::Info info{"logreg.synthetic", "1.0.0",
                                    "L2-regularized logistic regression on a planted classifier with label noise",
                                    "Bottou, Curtis & Nocedal, Optimization methods for large-scale machine "
                                    "learning, SIAM Review 60(2), 2018"};
    struct Params {
        int64_t n = 1000;
        int64_t d = 20;
        double lambda = 1e-3;
        double cond = 1.0;
        double label_noise = 0.1;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n", &Params::n, "number of samples (terms of the finite sum)", {.min = 1});
            s.integer("d", &Params::d, "number of features (dimension of x)", {.min = 1});
            s.real("lambda", &Params::lambda, "L2 regularization weight", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("cond", &Params::cond, "feature scaling to this condition number of A^T A / n (1: none)",
                   {.min = 1.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("label_noise", &Params::label_noise, "probability of flipping each planted label",
                   {.min = 0.0, .max = 1.0});
        }
    };

    LogregSynthetic(const Params& p, uint64_t seed) : LogregSynthetic(generate(p, seed)) {}

private:
    struct Instance {
        Model model;
        Vec x_true;
    };
    explicit LogregSynthetic(Instance i) : GlmProblem(std::move(i.model), std::move(i.x_true)) {}

    static Instance generate(const Params& p, uint64_t seed) {
        tsr::kit::Rng rng_a(tsr::kit::mix_seed(seed, 1)), rng_x(tsr::kit::mix_seed(seed, 2)),
            rng_y(tsr::kit::mix_seed(seed, 3));
        tsr::RowMat A = gaussian_design(p.n, p.d, p.cond, rng_a);
        Vec x_true(p.d);
        for (double& v : x_true) v = rng_x.normal();
        const Vec margin = A * x_true;
        Vec y(p.n);
        for (int64_t i = 0; i < p.n; ++i) {
            y[i] = margin[i] >= 0.0 ? 1.0 : -1.0;
            if (rng_y.bernoulli(p.label_noise)) y[i] = -y[i];
        }
        return {Glm<LogisticLoss, tsr::RowMat>(std::move(A), std::move(y), p.lambda), std::move(x_true)};
    }
};

TSR_REGISTER(LogregSynthetic);

}  // namespace baselines
