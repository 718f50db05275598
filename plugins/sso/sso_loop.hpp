// sso_loop.hpp — the one loop of sso.sso and sso.mm (Lavington et al. 2023, "SSO"; with the
// full batch it is the paper's majorization-minimization), the sampling being the policy:
//
//   θ ← initial point of tsr.objective.v1 if served, else 0
//   for epoch = 0, ..., epochs − 1:
//       π ← a uniformly random permutation of the n terms      (Sampling::reshuffle; else π = id)
//       for each consecutive block B of π of size `batch` (full batch: B = all n terms):
//           z_t = f_B(θ), g_t = ∇ℓ_B(z_t)                      ONE expensive call (m units)
//           θ ← `inner` Armijo gradient steps on g_t^η            cheap calls only (surrogate.hpp)
//       trace point (iteration = outer steps so far)
//
// The same minibatch B serves the expensive gradient and all inner steps (as in the paper's SSO
// and in the reference code, where the surrogate closure captures the batch X_t, y_t).
//
// Reported objective: the full objective f(θ) of tsr.objective.v1 at each trace point when the
// problem serves it — these monitoring calls are counted by the host under
// "tsr.objective.v1/value" (n units each), apart from "tsr.target.v1/loss_gradient", so a metric
// that counts the expensive calls of the method (opt.time_to_target with `counters`) does not
// see them. Without tsr.objective.v1: the mean of the epoch's batch losses plus (λ/2)‖θ‖²
// (biased: θ moves during the epoch).
#pragma once

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <tessera/kit/keep_solution.hpp>
#include <tessera/kit/rng.hpp>

#include "surrogate.hpp"

namespace sso {

struct SsoParams {
    double eta = 1.0;
    std::string eta_schedule = "constant";
    int64_t inner = 5;
    int64_t epochs = 20;
    double init_step = 10.0;
    double expand = 2.0;
    double c = 0.1;
    double beta = 0.9;
    int64_t report_every = 1;

    template <class P>
    static void add_to(tsr::Schema<P>& s) {
        s.real("eta", &P::eta,
               "target-space step size eta of the surrogate's proximity term |f(theta)-z_t|^2/(2 eta) "
               "(reference code: 1 for the logistic loss, 1/4 for the squared loss 1/2(z-b)^2, 1/(2(1-1/k)) "
               "for the k-class cross-entropy)",
               {.min = 1e-300}, TSR_PARAM_FLAG_LOG_SCALE);
        s.choice("eta_schedule", &P::eta_schedule, {"constant", "stochastic", "exponential"},
                 "eta_t at outer step t = 0..T-1 (reference code's eta_schedule): constant eta; stochastic "
                 "eta/sqrt(t+1); exponential eta*T^(-t/T), T the total number of outer steps");
        s.template integer<int64_t>("inner", &P::inner, "inner surrogate steps m per expensive gradient", {.min = 1});
        s.template integer<int64_t>("epochs", &P::epochs, "passes over the data (each term's expensive gradient once per pass)",
                                    {.min = 1});
        s.real("init_step", &P::init_step, "inner Armijo line search: first trial step, reset every outer step",
               {.min = 1e-300}, TSR_PARAM_FLAG_LOG_SCALE);
        s.real("expand", &P::expand,
               "inner line search: the previous step is multiplied by expand^(batch/n) before each inner step",
               {.min = 1.0});
        s.real("c", &P::c, "inner line search: Armijo sufficient-decrease constant", {.min = 1e-12, .max = 1.0});
        s.real("beta", &P::beta, "inner line search: backtracking factor", {.min = 1e-6, .max = 0.999999});
        s.template integer<int64_t>("report_every", &P::report_every,
                                    "append a trace point every this many epochs and after the last (the full "
                                    "objective when the problem serves tsr.objective.v1)",
                                    {.min = 1});
    }
};

// η_t of outer step t of T (the reference code's eta_schedule; its `eta` is our 1/η).
inline double eta_at(const SsoParams& p, int64_t t, int64_t T) {
    if (p.eta_schedule == "stochastic") return p.eta / std::sqrt(static_cast<double>(t + 1));
    if (p.eta_schedule == "exponential")
        return p.eta * std::pow(static_cast<double>(T), -static_cast<double>(t) / static_cast<double>(T));
    return p.eta;
}

// The sampling policy: minibatches of a reshuffled permutation (SSO) or the full batch (MM).
struct Sampling {
    int64_t batch;   // capped at n; full batch: n
    bool reshuffle;  // draw a new permutation every epoch
};

inline void run_sso(tsr::Run& r, const SsoParams& p, const Sampling& sampling) {
    const tsr::TargetRef t = r.target();
    const int64_t n = t.n_terms(), d = t.dim(), k = t.target_width();
    const double lambda = t.l2_weight();
    if (n <= 0 || k <= 0) throw tsr::InvalidArgument("the target problem has no terms or zero-width targets");
    std::optional<tsr::ObjectiveRef> full;
    if (r.has(TSR_OBJECTIVE_V1)) full = r.objective();
    if (full && full->dim() != d) throw tsr::InvalidArgument("objective and target disagree on the dimension");

    const int64_t batch = std::min(sampling.batch, n);
    const int64_t T = p.epochs * ((n + batch - 1) / batch);  // outer steps in all
    LineSearch ls;
    ls.init_step = p.init_step;
    ls.expand = std::pow(p.expand, static_cast<double>(batch) / static_cast<double>(n));
    ls.c = p.c;
    ls.beta = p.beta;

    Vec theta = full ? full->initial_point() : Vec::Zero(d);
    SurrogateSolver solver(batch, k, d);
    std::vector<int64_t> perm(static_cast<size_t>(n));
    std::iota(perm.begin(), perm.end(), int64_t{0});
    tsr::kit::Rng rng(r.seed());

    int64_t outer = 0, inner_total = 0, expensive_units = 0, epoch = 0;
    tsr::kit::keep_solution(r, theta, [&] {
        if (full && r.report(0, full->value(theta), {{"epoch", 0.0}})) return;
        for (epoch = 0; epoch < p.epochs; ++epoch) {
            if (sampling.reshuffle)
                for (int64_t i = n - 1; i > 0; --i)  // Fisher–Yates
                    std::swap(perm[static_cast<size_t>(i)],
                              perm[static_cast<size_t>(rng.below(static_cast<uint64_t>(i + 1)))]);
            double loss_sum = 0.0, step = 0.0, eta_t = p.eta;
            int64_t inner_epoch = 0, backtracks = 0, outer_epoch = 0;
            for (int64_t start = 0; start < n; start += batch) {
                if (r.should_stop()) return;
                const std::span<const int64_t> idx(perm.data() + start, static_cast<size_t>(std::min(batch, n - start)));
                InnerStats st;
                eta_t = eta_at(p, outer, T);
                loss_sum += solver.outer_step(t, idx, eta_t, lambda, p.inner, ls, theta, st) *
                            static_cast<double>(idx.size());
                expensive_units += static_cast<int64_t>(idx.size());
                inner_epoch += st.steps;
                backtracks += st.backtracks;
                if (st.steps > 0) step = st.last_step;
                ++outer;
                ++outer_epoch;
            }
            inner_total += inner_epoch;
            if ((epoch + 1) % p.report_every != 0 && epoch + 1 != p.epochs) continue;
            const double f = full ? full->value(theta)
                                  : loss_sum / static_cast<double>(n) + 0.5 * lambda * theta.squaredNorm();
            if (r.report(outer, f,
                         {{"epoch", static_cast<double>(epoch + 1)},
                          {"step", step},
                          {"eta", eta_t},
                          {"inner_steps", static_cast<double>(inner_epoch) / static_cast<double>(outer_epoch)},
                          {"backtracks", static_cast<double>(backtracks)},
                          {"batch_loss", loss_sum / static_cast<double>(n)}}))
                return;
        }
    });
    r.put_scalar("outer_steps", static_cast<double>(outer));
    r.put_scalar("inner_steps", static_cast<double>(inner_total));
    r.put_scalar("expensive_units", static_cast<double>(expensive_units));
    r.put_scalar("epochs", static_cast<double>(epoch));
}

}  // namespace sso
