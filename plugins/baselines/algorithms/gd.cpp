// opt.gd — gradient descent with Armijo backtracking.
//
//   x_{k+1} = x_k − α_k ∇f(x_k),   α_k = step0 · shrink^i  with the smallest i ≥ 0 such that
//   f(x_k − α_k ∇f(x_k)) <= f(x_k) − c1 α_k ‖∇f(x_k)‖²         (Armijo condition, N&W eq. 3.4)
//
// At rounding level, (3.4) is replaced by the approximate Armijo test of Hager & Zhang
// (line_search.hpp), so that the method reaches small tol instead of stalling.
// Stops when ‖∇f(x_k)‖₂ <= tol, after max_iter iterations, when no step satisfies (3.4) (60
// halvings: f is flat to rounding along −∇f), or when the host says so.
// Trace: k, f(x_k), grad_norm = ‖∇f(x_k)‖₂, step = α_{k−1} (0 at k = 0).
//
// @article{armijo1966,
//   author = {Armijo, Larry}, title = {Minimization of functions having {L}ipschitz continuous
//   first partial derivatives}, journal = {Pacific Journal of Mathematics}, volume = {16},
//   number = {1}, pages = {1--3}, year = {1966}}
// Backtracking as in Nocedal & Wright, Numerical Optimization, 2nd ed., 2006, Alg. 3.1.
#include "line_search.hpp"

namespace baselines {

class GradientDescent {
public:
    static constexpr tsr::Info info{"opt.gd", "1.0.0", "gradient descent with Armijo backtracking line search",
                                    "Armijo, Pacific J. Math. 16(1), 1966; Nocedal & Wright 2006, Alg. 3.1"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    struct Params {
        double step0 = 1.0;     // ᾱ, the first trial step of every iteration
        double c1 = 1e-4;       // sufficient-decrease constant of (3.4)
        double shrink = 0.5;    // ρ, backtracking contraction
        double tol = 1e-10;     // on ‖∇f‖₂
        int64_t max_iter = 10000;
        int64_t report_every = 1;
        static void schema(tsr::Schema<Params>& s) {
            s.real("step0", &Params::step0, "initial trial step of each backtracking search", {.min = 1e-300},
                   TSR_PARAM_FLAG_LOG_SCALE);
            s.real("c1", &Params::c1, "Armijo sufficient-decrease constant (N&W: 1e-4)", {.min = 1e-300, .max = 0.5});
            s.real("shrink", &Params::shrink, "backtracking contraction factor rho", {.min = 1e-3, .max = 0.999});
            s.real("tol", &Params::tol, "stop when ||grad f||_2 <= tol", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.integer("max_iter", &Params::max_iter, "maximum number of iterations", {.min = 0});
            s.integer("report_every", &Params::report_every, "append a trace point every this many iterations",
                      {.min = 1});
        }
    };

    explicit GradientDescent(const Params& p) : p_(p) {}

    void run(tsr::Run& r) {
        const tsr::ObjectiveRef f = r.objective();
        Vec x = f.initial_point();
        Vec g(f.dim()), x_new(f.dim()), g_new(f.dim()), dir(f.dim());
        bool converged = false;
        int64_t k = 0;
        keep_solution(r, x, [&] {
            double fx = f.value_gradient(x, g);
            double step = 0.0;
            for (;; ++k) {
                const double gnorm = g.norm();
                converged = gnorm <= p_.tol;
                const bool last = converged || k >= p_.max_iter;
                if (report_due(r, p_.report_every, k, last, fx, {{"grad_norm", gnorm}, {"step", step}}) || last ||
                    r.should_stop())
                    break;
                dir = -g;
                const LineSearchResult ls = armijo_backtracking(f, x, dir, fx, -gnorm * gnorm, p_.step0, p_.c1,
                                                                p_.shrink, x_new, g_new);
                if (!ls.ok) {
                    r.log(1, "opt.gd: no step satisfies the Armijo condition; stopping");
                    if (k % p_.report_every != 0) r.report(k, fx, {{"grad_norm", g.norm()}, {"step", step}});
                    break;
                }
                x.swap(x_new);
                g.swap(g_new);
                fx = ls.f;
                step = ls.alpha;
            }
        });
        r.put_scalar("iterations", static_cast<double>(k));
        r.put_scalar("converged", converged ? 1.0 : 0.0);
    }

private:
    Params p_;
};

TSR_REGISTER(GradientDescent);

}  // namespace baselines
