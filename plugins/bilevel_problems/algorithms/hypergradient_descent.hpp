// hypergradient_descent.hpp — the outer loop shared by bilevel.aid and bilevel.itd:
//
//   x_0, y_0 ← the problem's initial point
//   for k = 0, 1, …:
//       h_k ← ∇̂φ(x_k)                  (the policy: AID or ITD, hypergradient.hpp; it also moves
//                                          y_k to the lower iterate it used)
//       trace point k: f(x_k, y_k), ‖h_k‖, ‖x_k − x_{k−1}‖ / α
//       x_{k+1} ← Π_X(x_k − α h_k)       (projected hypergradient step)
//
// The policy is `double step(const tsr::BilevelRef&, const Vec& x, Vec& y, Vec& h)` returning
// f(x, y) at the lower iterate it used. The loop stops after max_iter outer steps or when the
// host says so (budget, time).
#pragma once

#include "../common.hpp"

namespace bilevel {

struct OuterParams {
    double alpha = 0.1;
    int64_t max_iter = 1000;
    int64_t report_every = 1;

    template <class P>
    static void add_to(tsr::Schema<P>& s) {
        s.real("alpha", &P::alpha, "outer step size on x (projected hypergradient step)", {.min = 0.0},
               TSR_PARAM_FLAG_LOG_SCALE);
        s.template integer<int64_t>("max_iter", &P::max_iter, "number of outer iterations", {.min = 0});
        s.template integer<int64_t>("report_every", &P::report_every, "trace point every this many outer iterations",
                                    {.min = 1});
    }
};

template <class Policy>
void run_hypergradient_descent(tsr::Run& r, const OuterParams& p, Policy& policy) {
    const tsr::BilevelRef b = r.bilevel();
    Vec x(b.dim_x()), y(b.dim_y()), h(b.dim_x()), x_prev(b.dim_x());
    b.initial_point(x, y);
    double moved = 0.0;
    iterate(
        r, x, y, p.max_iter, p.report_every,
        [&](int64_t) {
            const double f = policy.step(b, x, y, h);
            return TracePoint{f, {"hypergrad_norm", h.norm()}, {"x_step_norm", moved}};
        },
        [&] {
            x_prev = x;
            x -= p.alpha * h;
            b.project_x(x, x);
            moved = p.alpha > 0.0 ? (x - x_prev).norm() / p.alpha : 0.0;
        });
}

}  // namespace bilevel
