// bilevel.penalty — the double-loop penalty method of Kwon, Kwon, Wright & Nowak (ICLR 2024,
// Algorithm 1 of the appendix, deterministic or large-batch form): at a fixed penalty σ = O(ε),
//
//   for k = 0, 1, …, max_iter:
//       for t = 0, …, T−1:                          (inner loops, warm-started from k−1)
//           z ← Π_Y(z − γ ∇_y g(x_k, z))              steps on the lower problem
//           y ← Π_Y(y − γ (σ∇_y f(x_k, y) + ∇_y g(x_k, y)))   steps on h_σ = σf + g
//       D_x ← ∇_x f(x_k, y) + (∇_x g(x_k, y) − ∇_x g(x_k, z)) / σ       (≈ ∇ψ_σ(x_k), Thm 3.2)
//       x_{k+1} ← Π_X(x_k − α D_x)
//
// (penalty_gradient.hpp). batch = 0 uses the full f and g (the deterministic method, O(ε⁻³)
// oracle calls in the paper); batch = M > 0 draws i.i.d. minibatches of M terms for every
// gradient (the large-batch stochastic double loop). Trace point k (before the x step):
// f(x_k, y), grad_mapping = ‖(x_k − x_{k+1})/α‖ (the ε-stationarity measure of ψ_σ at the
// current estimates), lower_gap = g(x_k, y) − g(x_k, z) ≥ ≈ 0.
//
// @inproceedings{kwon2024penalty, author = {Kwon, Jeongyeol and Kwon, Dohyun and Wright, Stephen
//   and Nowak, Robert}, title = {On Penalty Methods for Nonconvex Bilevel Optimization and
//   First-Order Stochastic Approximation}, booktitle = {ICLR}, year = {2024}}
#include <tessera/kit/rng.hpp>

#include "penalty_gradient.hpp"

namespace bilevel {

class Penalty {
public:
    static constexpr tsr::Info info{"bilevel.penalty", "1.0.0",
                                    "double-loop penalty method: T steps on z for g and on y for sigma f + g, then "
                                    "a projected step on x along grad psi_sigma (fully first order)",
                                    "Kwon, Kwon, Wright & Nowak, On penalty methods for nonconvex bilevel "
                                    "optimization and first-order stochastic approximation, ICLR 2024"};
    static constexpr const char* needs[] = {TSR_BILEVEL_V1};
    struct Params {
        double sigma = 1e-2;
        double alpha = 0.1;
        double gamma = 0.1;
        int64_t inner_steps = 10;
        int64_t batch = 0;
        int64_t max_iter = 1000;
        int64_t report_every = 1;
        static void schema(tsr::Schema<Params>& s) {
            s.real("sigma", &Params::sigma, "penalty parameter sigma = O(epsilon) of psi_sigma", {.min = 1e-12},
                   TSR_PARAM_FLAG_LOG_SCALE);
            s.real("alpha", &Params::alpha, "outer step size on x along grad psi_sigma", {.min = 0.0},
                   TSR_PARAM_FLAG_LOG_SCALE);
            s.real("gamma", &Params::gamma, "inner step size on y (for sigma f + g) and z (for g)", {.min = 0.0},
                   TSR_PARAM_FLAG_LOG_SCALE);
            s.integer("inner_steps", &Params::inner_steps, "T: inner steps per outer iteration", {.min = 0});
            s.integer("batch", &Params::batch, "minibatch size of every gradient (0: full functions)", {.min = 0});
            s.integer("max_iter", &Params::max_iter, "number of outer iterations", {.min = 0});
            s.integer("report_every", &Params::report_every, "trace point every this many outer iterations",
                      {.min = 1});
        }
    };

    explicit Penalty(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const tsr::BilevelRef b = r.bilevel();
        Vec x(b.dim_x()), y(b.dim_y()), x_next(b.dim_x());
        b.initial_point(x, y);
        Vec z = y;
        PenaltyDirections d(b.dim_x(), b.dim_y());
        tsr::kit::Rng rng(r.seed());
        std::vector<int64_t> idx_f, idx_g;
        const auto project_x = [&](Vec& v) { b.project_x(v, v); };
        const auto project_y = [&](Vec& v) { b.project_y(v, v); };
        iterate(
            r, x, y, p_.max_iter, p_.report_every,
            [&](int64_t) {
                for (int64_t t = 0; t < p_.inner_steps; ++t) {
                    d.inner(b, x, y, z, p_.sigma, draw_batch(rng, b.n_upper(), p_.batch, idx_f),
                            draw_batch(rng, b.n_lower(), p_.batch, idx_g));
                    projected_step(z, p_.gamma, d.dz, project_y);
                    projected_step(y, p_.gamma, d.dy, project_y);
                }
                const double f = d.at(b, x, y, z, p_.sigma, draw_batch(rng, b.n_upper(), p_.batch, idx_f),
                                      draw_batch(rng, b.n_lower(), p_.batch, idx_g));
                x_next = x;
                projected_step(x_next, p_.alpha, d.dx, project_x);
                const double mapping = p_.alpha > 0.0 ? (x - x_next).norm() / p_.alpha : d.dx.norm();
                return TracePoint{f, {"grad_mapping", mapping}, {"lower_gap", d.g_y - d.g_z}};
            },
            [&] { x.swap(x_next); });
    }

private:
    Params p_;
};

TSR_REGISTER(Penalty);

}  // namespace bilevel
