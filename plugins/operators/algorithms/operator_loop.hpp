// operator_loop.hpp — what every operator method (here and in the papers' plugins) does the same
// way: parameters shared by all, the residual it reports, and the stop on a target residual.
//
// Trace objective = the natural residual with unit step,
//     res(u) = ‖u − J_G(u − F(u))‖          (= ‖F(u)‖ when G = 0),
// evaluated at an iterate whose full F(u) the method has computed anyway (so monitoring costs no
// oracle units; one resolvent call, which the host counts as a call, not as units). The same
// quantity is what the metric op.residual recomputes on the unproxied problem.
#pragma once

#include <cmath>
#include <limits>

#include <tessera/kit/keep_solution.hpp>
#include <tessera/sdk.hpp>

#include "../common/residual.hpp"

namespace operators {

using tsr::Vec;
using tsr::kit::keep_solution;

struct OperatorRunParams {
    double step_scale = 1.0;
    int64_t max_iter = 1000000;
    double tol = 0.0;
    int64_t report_every = 1;

    // step_help names the step the scale multiplies (e.g. "eta = step_scale / L").
    template <class P>
    static void add_to(tsr::Schema<P>& s, const char* step_help) {
        s.real("step_scale", &P::step_scale, step_help, {.min = 1e-12}, TSR_PARAM_FLAG_LOG_SCALE);
        s.template integer<int64_t>("max_iter", &P::max_iter, "maximum number of (outer) iterations", {.min = 0});
        s.real("tol", &P::tol,
               "stop when the residual ||u - J_G(u - F(u))|| <= tol * its value at u0 (0: run until the budget "
               "or max_iter)",
               {.min = 0.0}, TSR_PARAM_FLAG_LOG_SCALE);
        s.template integer<int64_t>("report_every", &P::report_every,
                                    "append a trace point every this many iterations where F(u) is known",
                                    {.min = 1});
    }
};

// The residual with unit step and the trace of it; stops the run at tol × res(u0).
class ResidualTrace {
public:
    ResidualTrace(tsr::Run& r, const tsr::OperatorRef& op, double tol)
        : r_(r), op_(op), tol_(tol), w_(op.dim()) {}

    double residual(tsr::CVecRef u, tsr::CVecRef Fu) { return natural_residual(op_, u, Fu, 1.0, w_); }

    // Appends trace point k for iterate u with F(u) = Fu. Returns true when the run should end:
    // the host says so, or the residual reached tol × res(u0) (the first reported point is u0).
    bool report(int64_t k, tsr::CVecRef u, tsr::CVecRef Fu, std::initializer_list<tsr::Named> extra = {}) {
        last_ = residual(u, Fu);
        if (first_) {
            r0_ = last_;
            first_ = false;
        }
        converged_ = tol_ > 0.0 && last_ <= tol_ * r0_;
        return r_.report(k, last_, extra) || converged_;
    }

    bool converged() const { return converged_; }
    double last() const { return last_; }

private:
    tsr::Run& r_;
    const tsr::OperatorRef& op_;
    double tol_;
    Vec w_;
    bool first_ = true, converged_ = false;
    double r0_ = std::numeric_limits<double>::quiet_NaN(), last_ = r0_;
};

// A constant of the problem that a default step needs: must be known (> 0).
inline double known_constant(double value, const char* what, const char* algorithm) {
    if (!(value > 0.0) || !std::isfinite(value))
        throw tsr::InvalidArgument(std::string(algorithm) + ": the problem does not state " + what +
                                   " (tsr_operator_properties); the default step needs it");
    return value;
}

// Writes the scalars every operator method ends with.
inline void put_outcome(tsr::Run& r, int64_t iterations, const ResidualTrace& trace) {
    r.put_scalar("iterations", static_cast<double>(iterations));
    r.put_scalar("converged", trace.converged() ? 1.0 : 0.0);
}

// The loop of the deterministic methods (op.halpern, op.eg, op.eag): η = step_scale / L; at each
// k, F(u_k) in full, a trace point (every report_every), then
//     step(op, k, η, u0, u, Fu)   — moves u from u_k to u_{k+1}, given Fu = F(u_k).
// Ends at max_iter, at tol (ResidualTrace) or when the host says so; hands u over as "x".
template <class Step>
void deterministic_loop(tsr::Run& r, const OperatorRunParams& p, const char* name, Step&& step) {
    const tsr::OperatorRef op = r.monotone_operator();
    const double eta = p.step_scale / known_constant(op.properties().lipschitz, "L", name);
    const Vec u0 = op.initial_point();
    Vec u = u0, Fu(op.dim());
    ResidualTrace trace(r, op, p.tol);
    int64_t k = 0;
    keep_solution(r, u, [&] {
        for (;; ++k) {
            op.value(u, Fu);
            const bool last = k >= p.max_iter;
            if ((k % p.report_every == 0 || last) && trace.report(k, u, Fu)) break;
            if (last) break;
            step(op, k, eta, u0, u, Fu);
        }
    });
    put_outcome(r, k, trace);
}

}  // namespace operators
