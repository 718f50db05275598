// bilevel.penalty_stochastic — the fully single-loop stochastic penalty method of Kwon, Kwon,
// Wright & Nowak (ICLR 2024, the single-loop, momentum-assisted variant of the appendix): one
// minibatch B_f of f and one B_g of g per iteration, and one simultaneous projected step on
// each of z, y, x along momentum-assisted estimates of the directions of penalty_gradient.hpp:
//
//   D_k(·) = (D_z, D_y, D_x) at (x_k, y_k, z_k) on the samples (B_f, B_g)_k
//   d_k = D_k(x_k, y_k, z_k) + (1 − η) ( d_{k−1} − D_k(x_{k−1}, y_{k−1}, z_{k−1}) )     (STORM)
//   z_{k+1} = Π_Y(z_k − γ d_k^z),  y_{k+1} = Π_Y(y_k − γ d_k^y),  x_{k+1} = Π_X(x_k − α d_k^x)
//
// The correction term re-evaluates the previous point on the SAME sample; this is what the mean-
// squared-smoothness assumption of the paper's single-loop O(ε⁻⁵) result pays for (recursive
// momentum: Cutkosky & Orabona, NeurIPS 2019). η = 1 drops the correction: the plain single-loop
// stochastic method (F2SA-like with a fixed σ; Kwon et al., ICML 2023), at half the oracle cost.
// Trace point k: f(x_k, y_k; B_f), ‖d_k^x‖, g(x_k, y_k; B_g) − g(x_k, z_k; B_g).
//
// @inproceedings{kwon2024penalty, author = {Kwon, Jeongyeol and Kwon, Dohyun and Wright, Stephen
//   and Nowak, Robert}, title = {On Penalty Methods for Nonconvex Bilevel Optimization and
//   First-Order Stochastic Approximation}, booktitle = {ICLR}, year = {2024}}
// @inproceedings{cutkosky2019momentum, author = {Cutkosky, Ashok and Orabona, Francesco},
//   title = {Momentum-Based Variance Reduction in Non-Convex {SGD}}, booktitle = {NeurIPS}, year = {2019}}
#include <tessera/kit/rng.hpp>

#include "penalty_gradient.hpp"

namespace bilevel {

class PenaltyStochastic {
public:
    static constexpr tsr::Info info{"bilevel.penalty_stochastic", "1.0.0",
                                    "single-loop stochastic penalty method: simultaneous projected steps on z, y, x "
                                    "with recursive-momentum (STORM) gradient estimates",
                                    "Kwon, Kwon, Wright & Nowak, On penalty methods for nonconvex bilevel "
                                    "optimization and first-order stochastic approximation, ICLR 2024"};
    static constexpr const char* needs[] = {TSR_BILEVEL_V1};
    struct Params {
        double sigma = 1e-2;
        double alpha = 0.01;
        double gamma = 0.1;
        double eta = 0.1;
        int64_t batch_upper = 16;
        int64_t batch_lower = 16;
        int64_t max_iter = 10000;
        int64_t report_every = 10;
        static void schema(tsr::Schema<Params>& s) {
            s.real("sigma", &Params::sigma, "penalty parameter sigma = O(epsilon) of psi_sigma", {.min = 1e-12},
                   TSR_PARAM_FLAG_LOG_SCALE);
            s.real("alpha", &Params::alpha, "step size on x", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("gamma", &Params::gamma, "step size on y and z", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.real("eta", &Params::eta, "momentum weight of the fresh estimate (1: no momentum, plain SGD)",
                   {.min = 1e-6, .max = 1.0});
            s.integer("batch_upper", &Params::batch_upper, "terms of f per iteration (0: all)", {.min = 0});
            s.integer("batch_lower", &Params::batch_lower, "terms of g per iteration (0: all)", {.min = 0});
            s.integer("max_iter", &Params::max_iter, "number of iterations", {.min = 0});
            s.integer("report_every", &Params::report_every, "trace point every this many iterations", {.min = 1});
        }
    };

    explicit PenaltyStochastic(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const tsr::BilevelRef b = r.bilevel();
        const int64_t dx = b.dim_x(), dy = b.dim_y();
        Vec x(dx), y(dy);
        b.initial_point(x, y);
        Vec z = y, x_prev = x, y_prev = y, z_prev = z;
        Vec mx(dx), my(dy), mz(dy);  // the momentum estimates d_k
        PenaltyDirections now(dx, dy), before(dx, dy);
        tsr::kit::Rng rng(r.seed());
        std::vector<int64_t> idx_f, idx_g;
        const bool momentum = p_.eta < 1.0;
        iterate(
            r, x, y, p_.max_iter, p_.report_every,
            [&](int64_t k) {
                const auto bf = draw_batch(rng, b.n_upper(), p_.batch_upper, idx_f);
                const auto bg = draw_batch(rng, b.n_lower(), p_.batch_lower, idx_g);
                const double f = now.at(b, x, y, z, p_.sigma, bf, bg);
                if (momentum && k > 0) {  // d_k = D_k(now) + (1 − η)(d_{k−1} − D_k(before))
                    before.at(b, x_prev, y_prev, z_prev, p_.sigma, bf, bg);
                    const double keep = 1.0 - p_.eta;
                    mx = now.dx + keep * (mx - before.dx);
                    my = now.dy + keep * (my - before.dy);
                    mz = now.dz + keep * (mz - before.dz);
                } else {  // d_k = D_k(now): take the buffers over (O(1) swaps, no copies)
                    mx.swap(now.dx);
                    my.swap(now.dy);
                    mz.swap(now.dz);
                }
                return TracePoint{f, {"direction_norm", mx.norm()}, {"lower_gap", now.g_y - now.g_z}};
            },
            [&] {
                if (momentum) {  // the correction of step k+1 re-evaluates this point
                    x_prev = x;
                    y_prev = y;
                    z_prev = z;
                }
                z -= p_.gamma * mz;
                b.project_y(z, z);
                y -= p_.gamma * my;
                b.project_y(y, y);
                x -= p_.alpha * mx;
                b.project_x(x, x);
            });
    }

private:
    Params p_;
};

TSR_REGISTER(PenaltyStochastic);

}  // namespace bilevel
