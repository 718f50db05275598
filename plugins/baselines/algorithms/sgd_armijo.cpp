// opt.sgd_armijo — SGD with the stochastic Armijo line search of Vaswani et al. (2019),
// "Painless Stochastic Gradient: Interpolation, Line-Search, and Convergence Rates", Alg. 1 with
// the growing step-size reset, on a finite sum f = (1/n) Σ f_i:
//
//   η ← reset(η) = min(η · γ^{b/n}, η_cap)         (η = lr at the first step)
//   repeat (at most max_backtracks times):          (Alg. 1)
//       x̃ ← x − η ∇f_B(x)
//       accept if  f_B(x̃) <= f_B(x) − c η ‖∇f_B(x)‖²        (the stochastic Armijo condition)
//       else η ← β η
//   x ← x̃
//
// The condition is checked on the same minibatch B as the gradient: each trial costs one
// batch_value call of tsr.finite_sum.v1 (|B| oracle units, counted by the host).
// Defaults are those of the authors' code (github.com/IssamLaradji/sls, sls/sls.py and
// sls/utils.py, class Sls): c = 0.1, β = 0.9 (beta_b), γ = 2, the reset η · γ^{1/(batches per
// epoch)} (their reset_option 1; γ^{b/n} here, equal when b divides n), a first step η = 1
// (init_step_size), the reset growth capped at η_max = 10 and, when 100 backtracks find no step,
// a step of 1e-6. A minibatch gradient of norm < 1e-8 leaves x unchanged (as there).
// The epoch loop, sampling and trace are kit/minibatch.hpp; the trace's "step" is the accepted η.
//
// @inproceedings{vaswani2019painless, author = {Vaswani, Sharan and Mishkin, Aaron and Laradji,
//   Issam and Schmidt, Mark and Gidel, Gauthier and Lacoste-Julien, Simon}, title = {Painless
//   Stochastic Gradient: Interpolation, Line-Search, and Convergence Rates}, booktitle = {NeurIPS},
//   year = {2019}}
#include <algorithm>
#include <cmath>

#include <tessera/kit/minibatch.hpp>

#include "common.hpp"

namespace baselines {

// The update policy: one Armijo backtracking search per minibatch (BatchProbe evaluates f_B).
struct ArmijoSgdUpdate {
    double c = 0.1, beta = 0.9, gamma = 2.0, eta_cap = 10.0, fallback_step = 1e-6;
    int64_t max_backtracks = 100;
    double reset_factor = 1.0;  // γ^{b/n}
    double eta = 1.0;           // the step of the previous iteration (before its reset)
    bool first = true;
    Vec trial;

    void init(int64_t d) {
        trial.resize(d);
        first = true;
    }
    // lr: the initial step η_0, used at the first step only.
    double step_on_batch(Vec& x, const Vec& g, double lr, const tsr::kit::BatchProbe& b) {
        eta = first ? lr : std::min(eta * reset_factor, eta_cap);  // the reset
        first = false;
        const double g2 = g.squaredNorm();
        if (std::sqrt(g2) < 1e-8) return 0.0;
        for (int64_t k = 0; k < max_backtracks; ++k, eta *= beta) {
            trial = x - eta * g;
            const double ft = b.value(trial);
            if (std::isfinite(ft) && ft <= b.f - c * eta * g2) {  // Armijo condition
                x.swap(trial);
                return eta;
            }
        }
        x -= fallback_step * g;
        return fallback_step;
    }
};

class SgdArmijo {
public:
    static constexpr tsr::Info info{"opt.sgd_armijo", "1.0.0",
                                    "SGD with the stochastic Armijo line search and step-size reset (SLS)",
                                    "Vaswani, Mishkin, Laradji, Schmidt, Gidel & Lacoste-Julien, Painless "
                                    "stochastic gradient: interpolation, line-search, and convergence rates, "
                                    "NeurIPS 2019"};
    static constexpr const char* needs[] = {TSR_FINITE_SUM_V1};
    static constexpr const char* wants[] = {TSR_OBJECTIVE_V1};
    struct Params : tsr::kit::MinibatchParams {
        double c = 0.1;
        double beta = 0.9;
        double gamma = 2.0;
        double eta_max = 10.0;
        int64_t max_backtracks = 100;
        Params() { lr = 1.0; }
        static void schema(tsr::Schema<Params>& s) {
            add_to(s, "initial step size eta_0 of the first line search (authors' code: 1)", false);
            s.real("c", &Params::c, "Armijo constant: accept when f_B(x - eta g) <= f_B(x) - c eta |g|^2",
                   {.min = 1e-12, .max = 1.0});
            s.real("beta", &Params::beta, "backtracking factor: eta <- beta eta", {.min = 1e-6, .max = 0.999999});
            s.real("gamma", &Params::gamma, "reset: eta <- min(eta gamma^(b/n), eta_max) before each search",
                   {.min = 1.0});
            s.real("eta_max", &Params::eta_max, "cap of the reset step (authors' code: 10)", {.min = 1e-300},
                   TSR_PARAM_FLAG_LOG_SCALE);
            s.integer("max_backtracks", &Params::max_backtracks,
                      "trials per search; when none is accepted a step of 1e-6 is taken", {.min = 1});
        }
    };

    explicit SgdArmijo(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const tsr::FiniteSumRef fs = r.finite_sum();
        const int64_t n = fs.n_terms();
        ArmijoSgdUpdate update{.c = p_.c, .beta = p_.beta, .gamma = p_.gamma, .eta_cap = p_.eta_max,
                               .fallback_step = 1e-6, .max_backtracks = p_.max_backtracks,
                               .reset_factor = 1.0, .eta = p_.lr, .first = true, .trial = {}};
        if (n > 0)
            update.reset_factor = std::pow(p_.gamma, static_cast<double>(tsr::kit::minibatch_size(p_, n)) /
                                                         static_cast<double>(n));
        Vec x = tsr::kit::minibatch_initial_point(r, fs.dim());
        tsr::kit::MinibatchOutcome out;
        keep_solution(r, x, [&] {
            out = tsr::kit::minibatch_loop(
                r, p_, update, [&](int64_t, int64_t, int64_t) { return p_.lr; }, [](int64_t, const Vec&) {}, x);
        });
        tsr::kit::put_outcome(r, out);
    }

private:
    Params p_;
};

TSR_REGISTER(SgdArmijo);

}  // namespace baselines
