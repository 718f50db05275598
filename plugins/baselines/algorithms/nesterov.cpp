// opt.nesterov — Nesterov's accelerated gradient method with a backtracked Lipschitz estimate
// (FISTA without the proximal step) and optional adaptive restart.
//
//   given y_k, L_{k−1}: L_k = L_{k−1} η^i with the smallest i ≥ 0 such that, for
//       x_k = y_k − ∇f(y_k) / L_k,
//       f(x_k) <= f(y_k) − ‖∇f(y_k)‖² / (2 L_k)                 (Beck & Teboulle 2009, §4, step 3)
//   restart (O'Donoghue & Candès 2015, gradient scheme, eq. 12):
//       if ∇f(y_k)ᵀ (x_k − x_{k−1}) > 0 then t_k ← 1
//   t_{k+1} = (1 + √(1 + 4 t_k²)) / 2                           (Nesterov 1983)
//   y_{k+1} = x_k + ((t_k − 1) / t_{k+1}) (x_k − x_{k−1})
//
// L_k never decreases, so after a few iterations the step 1/L is constant. Once the decrease
// ‖∇f(y_k)‖²/(2L) is below the rounding of f, the test is granted a slack of 1e-12 |f(y_k)|
// (kRoundingTolerance, line_search.hpp): otherwise rounding alone would inflate L without bound
// near the optimum and freeze the method. Starts at
// y_1 = x_0 = initial point, t_1 = 1. Stops when the latest gradient ‖∇f(y_{k+1})‖₂ <= tol,
// after max_iter iterations, or when the host says so.
// Trace: k, f(x_k), grad_norm = ‖∇f(y_{k+1})‖₂ (the latest gradient computed: ∇f(x_k) itself is
// never evaluated), step = 1/L_k.
//
// @article{nesterov1983, author = {Nesterov, Yurii}, title = {A method for solving the convex
//   programming problem with convergence rate {O}(1/k^2)}, journal = {Soviet Mathematics Doklady},
//   volume = {27}, pages = {372--376}, year = {1983}}
// @article{beck2009fista, author = {Beck, Amir and Teboulle, Marc}, title = {A fast iterative
//   shrinkage-thresholding algorithm for linear inverse problems}, journal = {SIAM J. Imaging
//   Sciences}, volume = {2}, number = {1}, pages = {183--202}, year = {2009}}
// @article{odonoghue2015restart, author = {O'Donoghue, Brendan and Cand{\`e}s, Emmanuel},
//   title = {Adaptive restart for accelerated gradient schemes}, journal = {Foundations of
//   Computational Mathematics}, volume = {15}, number = {3}, pages = {715--732}, year = {2015}}
#include <cmath>

#include "line_search.hpp"

namespace baselines {

class Nesterov {
public:
    static constexpr tsr::Info info{"opt.nesterov", "1.0.0",
                                    "Nesterov accelerated gradient, backtracked 1/L step, adaptive restart",
                                    "Nesterov, Soviet Math. Doklady 27, 1983; Beck & Teboulle, SIAM J. Imaging Sci. "
                                    "2(1), 2009; O'Donoghue & Candes, Found. Comput. Math. 15(3), 2015"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    struct Params {
        double lipschitz0 = 1.0;  // initial Lipschitz estimate L_0
        double eta = 2.0;       // its increase factor in backtracking
        bool restart = true;    // O'Donoghue & Candès gradient restart
        double tol = 1e-10;     // on ‖∇f(y_k)‖₂
        int64_t max_iter = 10000;
        int64_t report_every = 1;
        static void schema(tsr::Schema<Params>& s) {
            s.real("lipschitz0", &Params::lipschitz0, "initial estimate of the gradient's Lipschitz constant", {.min = 1e-300},
                   TSR_PARAM_FLAG_LOG_SCALE);
            s.real("eta", &Params::eta, "factor by which backtracking increases L (Beck & Teboulle's eta)",
                   {.min = 1.0 + 1e-9});
            s.boolean("restart", &Params::restart, "adaptive restart, gradient scheme (O'Donoghue & Candes 2015)");
            s.real("tol", &Params::tol, "stop when ||grad f(y_k)||_2 <= tol", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.integer("max_iter", &Params::max_iter, "maximum number of iterations", {.min = 0});
            s.integer("report_every", &Params::report_every, "append a trace point every this many iterations",
                      {.min = 1});
        }
    };

    explicit Nesterov(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const tsr::ObjectiveRef f = r.objective();
        const int64_t d = f.dim();
        Vec x = f.initial_point();
        Vec x_prev = x, y = x, gy(d), xt(d);
        double L = p_.lipschitz0, t = 1.0;
        bool converged = false;
        int64_t k = 0, restarts = 0;
        keep_solution(r, x, [&] {
            double fy = f.value_gradient(y, gy);
            double fx = fy;
            for (;; ++k) {
                const double gnorm = gy.norm();
                converged = gnorm <= p_.tol;
                const bool last = converged || k >= p_.max_iter;
                if (report_due(r, p_.report_every, k, last, fx, {{"grad_norm", gnorm}, {"step", 1.0 / L}}) ||
                    last || r.should_stop())
                    break;
                // Backtracking on L: sufficient decrease of the gradient step from y.
                const double g2 = gnorm * gnorm;
                double ft = 0.0;
                int tries = 0;
                for (;; L *= p_.eta) {
                    xt = y - gy / L;
                    ft = f.value(xt);
                    if (ft <= fy - 0.5 * g2 / L + kRoundingTolerance * std::abs(fy)) break;
                    if (++tries == 200) {
                        r.log(1, "opt.nesterov: backtracking found no Lipschitz estimate; stopping");
                        if (k % p_.report_every != 0) r.report(k, fx, {{"grad_norm", gnorm}, {"step", 1.0 / L}});
                        return;
                    }
                }
                fx = ft;
                x_prev.swap(x);
                x.swap(xt);  // x = x_k, x_prev = x_{k−1}; xt is free scratch again
                if (p_.restart && gy.dot(x - x_prev) > 0.0) {
                    t = 1.0;
                    ++restarts;
                }
                const double t_next = 0.5 * (1.0 + std::sqrt(1.0 + 4.0 * t * t));
                y = x + ((t - 1.0) / t_next) * (x - x_prev);
                t = t_next;
                fy = f.value_gradient(y, gy);
            }
        });
        r.put_scalar("iterations", static_cast<double>(k));
        r.put_scalar("converged", converged ? 1.0 : 0.0);
        r.put_scalar("restarts", static_cast<double>(restarts));
        r.put_scalar("lipschitz_estimate", L);
    }

private:
    Params p_;
};

TSR_REGISTER(Nesterov);

}  // namespace baselines
