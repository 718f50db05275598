// ls.synthetic — ridge / least-squares regression on a Gaussian design.
//
//   f(x) = (1/2n) ‖Ax − b‖² + (λ/2) ‖x‖²,     f_i(x) = ½ (a_iᵀx − b_i)² + (λ/2) ‖x‖²
//
// Instance from the seed (tsr::kit::Rng streams mix_seed(seed, k)):
//   k = 1: A ∈ R^{n×d}, A_ij ~ N(0, 1) row by row, column j scaled by cond^(−j/(2(d−1)))
//          (Hessian condition number ≈ cond; see gaussian_design in glm.hpp);
//   k = 2: x_true ~ N(0, I_d);
//   k = 3: b = A x_true + noise · ε, ε ~ N(0, I_n).
// Known optimum: x_star solves the normal equations (AᵀA/n + λI) x = Aᵀb/n (LDLT, exact to
// rounding; one of the minimizers when n < d and λ = 0), f_star = f(x_star); x_true is served
// too. Initial point: 0.
// Reference: the textbook least-squares benchmark (e.g. Bottou, Curtis & Nocedal, "Optimization
// methods for large-scale machine learning", SIAM Review 2018, §3).
#include "glm.hpp"

namespace baselines {

class LsSynthetic : public GlmProblem<SquaredLoss> {
public:
    static constexpr tsr::Info info{"ls.synthetic", "1.0.0",
                                    "least squares (1/2n)||Ax-b||^2 + (lambda/2)||x||^2 on a Gaussian design",
                                    "Bottou, Curtis & Nocedal, Optimization methods for large-scale machine "
                                    "learning, SIAM Review 60(2), 2018"};
    struct Params {
        int64_t n = 1000;
        int64_t d = 20;
        double lambda = 0.0;
        double cond = 1.0;
        double noise = 0.1;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("n", &Params::n, "number of samples (terms of the finite sum)", {.min = 1});
            s.integer("d", &Params::d, "number of features (dimension of x)", {.min = 1});
            s.real("lambda", &Params::lambda, "L2 regularization weight", {.min = 0.0});
            s.real("cond", &Params::cond, "condition number of the Hessian A^T A / n, by column scaling (1: none)",
                   {.min = 1.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("noise", &Params::noise, "standard deviation of the Gaussian noise added to b", {.min = 0.0});
        }
    };

    LsSynthetic(const Params& p, uint64_t seed) : LsSynthetic(generate(p, seed)) {}

private:
    struct Instance {
        Model model;
        Vec x_true;
    };
    explicit LsSynthetic(Instance i) : GlmProblem(std::move(i.model), std::move(i.x_true)) {}

    static Instance generate(const Params& p, uint64_t seed) {
        tsr::kit::Rng rng_a(tsr::kit::mix_seed(seed, 1)), rng_x(tsr::kit::mix_seed(seed, 2)),
            rng_e(tsr::kit::mix_seed(seed, 3));
        tsr::RowMat A = gaussian_design(p.n, p.d, p.cond, rng_a);
        Vec x_true(p.d);
        for (double& v : x_true) v = rng_x.normal();
        Vec b = A * x_true;
        for (double& v : b) v += p.noise * rng_e.normal();
        return {Glm<SquaredLoss, tsr::RowMat>(std::move(A), std::move(b), p.lambda), std::move(x_true)};
    }
};

TSR_REGISTER(LsSynthetic);

}  // namespace baselines
