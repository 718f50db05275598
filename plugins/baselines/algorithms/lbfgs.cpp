// opt.lbfgs — limited-memory BFGS with a strong Wolfe line search.
//
//   p_k = −H_k ∇f(x_k)        two-loop recursion over the last m pairs (Nocedal & Wright Alg. 7.4)
//   H_k⁰ = γ_k I,  γ_k = s_{k−1}ᵀy_{k−1} / y_{k−1}ᵀy_{k−1}                     (N&W eq. 7.20)
//   x_{k+1} = x_k + α_k p_k,  α_k satisfying the strong Wolfe conditions (N&W eq. 3.7) found by
//             Alg. 3.5/3.6 (line_search.hpp), trying α = 1 first (α = 1/‖∇f(x_0)‖₂ at k = 0)
//   s_k = x_{k+1} − x_k,  y_k = ∇f(x_{k+1}) − ∇f(x_k); the pair is kept only if s_kᵀy_k > ε‖y_k‖²
//   (always true under strong Wolfe with exact arithmetic; guards rounding).
//
// Stops when ‖∇f(x_k)‖_∞ <= tol, after max_iter iterations, when the line search fails twice in a
// row (the second time from a steepest-descent restart with the memory cleared), or when the host
// says so. Trace: k, f(x_k), grad_norm = ‖∇f(x_k)‖₂, step = α_{k−1}.
//
// @article{liu1989lbfgs, author = {Liu, Dong C. and Nocedal, Jorge}, title = {On the limited
//   memory {BFGS} method for large scale optimization}, journal = {Mathematical Programming},
//   volume = {45}, number = {1--3}, pages = {503--528}, year = {1989}}
// @book{nocedal2006, author = {Nocedal, Jorge and Wright, Stephen J.}, title = {Numerical
//   Optimization}, edition = {2nd}, publisher = {Springer}, year = {2006}}
#include <cmath>
#include <vector>

#include "line_search.hpp"

namespace baselines {

class Lbfgs {
public:
    static constexpr tsr::Info info{"opt.lbfgs", "1.0.0", "L-BFGS, two-loop recursion, strong Wolfe line search",
                                    "Liu & Nocedal, Math. Programming 45, 1989; Nocedal & Wright 2006, Alg. 7.4/7.5"};
    static constexpr const char* needs[] = {TSR_OBJECTIVE_V1};
    struct Params {
        int64_t m = 10;         // memory: number of (s, y) pairs
        double c1 = 1e-4;       // sufficient decrease
        double c2 = 0.9;        // curvature (strong Wolfe); N&W recommend 0.9 for quasi-Newton
        double tol = 1e-10;     // on ‖∇f‖_∞
        int64_t max_iter = 10000;
        int64_t max_ls_evals = 30;
        int64_t report_every = 1;
        static void schema(tsr::Schema<Params>& s) {
            s.integer("m", &Params::m, "memory: number of stored (s, y) correction pairs", {.min = 1});
            s.real("c1", &Params::c1, "sufficient-decrease constant (N&W: 1e-4)", {.min = 1e-300, .max = 0.5});
            s.real("c2", &Params::c2, "strong Wolfe curvature constant, c1 < c2 < 1 (N&W: 0.9)", {.min = 0.0, .max = 1.0});
            s.real("tol", &Params::tol, "stop when ||grad f||_inf <= tol", {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
            s.integer("max_iter", &Params::max_iter, "maximum number of iterations", {.min = 0});
            s.integer("max_ls_evals", &Params::max_ls_evals, "maximum oracle calls per line search", {.min = 1});
            s.integer("report_every", &Params::report_every, "append a trace point every this many iterations",
                      {.min = 1});
        }
    };

    explicit Lbfgs(const Params& p) : p_(p) {
        if (!(p_.c1 < p_.c2 && p_.c2 < 1.0))
            throw tsr::InvalidArgument("opt.lbfgs: the line search needs 0 < c1 < c2 < 1 (got c1 = " +
                                       std::to_string(p_.c1) + ", c2 = " + std::to_string(p_.c2) + ")");
    }

    void run(tsr::Run& r) {
        const tsr::ObjectiveRef f = r.objective();
        const int64_t d = f.dim(), m = p_.m;
        Vec x = f.initial_point();
        Vec g(d), p(d), x_new(d), g_new(d), q(d);
        tsr::Mat S(d, m), Y(d, m);           // ring buffers of the pairs, column (head + j) % m
        std::vector<double> rho(static_cast<size_t>(m)), alpha(static_cast<size_t>(m));
        int64_t count = 0, head = 0;         // pairs stored, index of the oldest
        double gamma = 1.0;
        StrongWolfe ls(d);
        ls.c1 = p_.c1;
        ls.c2 = p_.c2;
        ls.max_evals = static_cast<int>(p_.max_ls_evals);
        bool converged = false;
        int64_t k = 0;

        keep_solution(r, x, [&] {
            double fx = f.value_gradient(x, g);
            double step = 0.0;
            for (;; ++k) {
                converged = g.lpNorm<Eigen::Infinity>() <= p_.tol;
                const bool last = converged || k >= p_.max_iter;
                if (report_due(r, p_.report_every, k, last, fx, {{"grad_norm", g.norm()}, {"step", step}}) ||
                    last || r.should_stop())
                    break;

                // Two-loop recursion (N&W Alg. 7.4): p = −H_k g.
                q = g;
                for (int64_t j = count - 1; j >= 0; --j) {
                    const int64_t c = (head + j) % m;
                    alpha[static_cast<size_t>(j)] = rho[static_cast<size_t>(c)] * S.col(c).dot(q);
                    q -= alpha[static_cast<size_t>(j)] * Y.col(c);
                }
                q *= gamma;
                for (int64_t j = 0; j < count; ++j) {
                    const int64_t c = (head + j) % m;
                    const double beta = rho[static_cast<size_t>(c)] * Y.col(c).dot(q);
                    q += (alpha[static_cast<size_t>(j)] - beta) * S.col(c);
                }
                p = -q;

                double dphi0 = g.dot(p);
                if (!(dphi0 < 0.0)) {  // not a descent direction (rounding): restart from −g
                    count = 0;
                    gamma = 1.0;
                    p = -g;
                    dphi0 = -g.squaredNorm();
                }
                double a0 = count == 0 ? std::min(1.0, 1.0 / g.norm()) : 1.0;
                LineSearchResult res = ls.search(f, x, p, fx, dphi0, a0, x_new, g_new);
                if (!res.ok && count > 0) {  // retry once along steepest descent, memory cleared
                    count = 0;
                    gamma = 1.0;
                    p = -g;
                    dphi0 = -g.squaredNorm();
                    a0 = std::min(1.0, 1.0 / g.norm());
                    res = ls.search(f, x, p, fx, dphi0, a0, x_new, g_new);
                }
                if (!res.ok) {
                    r.log(1, "opt.lbfgs: the line search found no acceptable step; stopping");
                    if (k % p_.report_every != 0) r.report(k, fx, {{"grad_norm", g.norm()}, {"step", step}});
                    break;
                }

                // Store the pair (s_k, y_k) in place of the oldest one (p, q are free scratch now).
                p = x_new - x;
                q = g_new - g;
                const double sy = p.dot(q), yy = q.squaredNorm();
                if (sy > 1e-12 * yy && yy > 0.0) {
                    const int64_t c = count < m ? (head + count) % m : head;
                    S.col(c) = p;
                    Y.col(c) = q;
                    rho[static_cast<size_t>(c)] = 1.0 / sy;
                    gamma = sy / yy;  // (7.20)
                    if (count < m) ++count;
                    else head = (head + 1) % m;
                }
                x.swap(x_new);
                g.swap(g_new);
                fx = res.f;
                step = res.alpha;
            }
        });
        r.put_scalar("iterations", static_cast<double>(k));
        r.put_scalar("converged", converged ? 1.0 : 0.0);
    }

private:
    Params p_;
};

TSR_REGISTER(Lbfgs);

}  // namespace baselines
