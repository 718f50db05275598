// refine_run.hpp — the two passes of lr_refine.sgd / lr_refine.adam over one update policy:
//
//   pass 1 (pilot): the minibatch loop (tessera/kit/minibatch.hpp) from x0 with linear decay
//                   η_t = lr₁ (1 − t/T) (the paper's default schedule, §2), recording the norm
//                   G_t of every minibatch gradient g_t (‖g_t‖₂ for SGD, ‖g_t‖₁ for Adam); silent:
//                   no trace points, no full-objective evaluations.
//   refinement:     η = refined_schedule(median_filter(G, width(τ, T)), power)   (refine.hpp)
//   pass 2:         the loop again from the same x0, with the same minibatch order (the run seed),
//                   lr_t = lr · η_t; this pass is the run's trace and solution "x".
//
// Both passes call the problem's oracles, so the run's oracle counts and budget cover both.
// Outputs: vectors "schedule" (η, peak 1, length T) and "grad_norms" (G); scalars
// "pilot_final_loss" (f(x) after pass 1: the full objective if served — one extra counted call —
// else the mean minibatch value of its last epoch), "median_width", and steps / epochs /
// converged of pass 2. If the host stops the run during pass 1, pass 2 does not start and x is
// the pilot's iterate.
#pragma once

#include <cmath>
#include <limits>
#include <vector>

#include <tessera/kit/minibatch.hpp>
#include <tessera/kit/schedule.hpp>

#include "refine.hpp"

namespace lr_refine {

using tsr::Vec;

// Parameters shared by the SGD and Adam variants (on top of an update's own).
struct RefineParams {
    double pilot_lr = 0.0;  // 0: lr
    double tau = 0.1;

    template <class P>
    static void add_to(tsr::Schema<P>& s) {
        s.real("pilot_lr", &P::pilot_lr,
               "peak learning rate of the linear-decay pilot run (0: the same as lr)", {.min = 0.0});
        s.real("tau", &P::tau,
               "median-filter width as a fraction of the T steps (width 2*floor(floor(tau*T)/2)+1; 0: no smoothing)",
               {.min = 0.0, .max = 1.0});
    }
};

// power: w_t = Ĝ_t^{-power}; norm(g) -> G_t.
template <class Update, class Norm>
void run_refined(tsr::Run& r, const tsr::kit::MinibatchParams& p, const RefineParams& rp, Update& update, Norm&& norm,
                 double power) {
    const tsr::FiniteSumRef fs = r.finite_sum();
    const int64_t n = fs.n_terms(), d = fs.dim();
    const int64_t T = n > 0 ? tsr::kit::minibatch_steps(p, n) : 0;
    const int64_t width = median_width(rp.tau, T);
    const Vec x0 = tsr::kit::minibatch_initial_point(r, d);
    Vec x = x0;
    std::vector<double> G(static_cast<size_t>(T), std::numeric_limits<double>::quiet_NaN());
    std::vector<double> eta;
    double pilot_loss = std::numeric_limits<double>::quiet_NaN();
    tsr::kit::MinibatchOutcome out;
    const double lr1 = rp.pilot_lr > 0.0 ? rp.pilot_lr : p.lr;
    const tsr::kit::ScheduleSpec linear{tsr::kit::Schedule::linear, 0.0, 1};

    tsr::kit::keep_solution(r, x, [&] {
        const tsr::kit::MinibatchOutcome pilot = tsr::kit::minibatch_loop(
            r, p, update,
            [&](int64_t t, int64_t TT, int64_t e) { return lr1 * tsr::kit::schedule_factor(linear, t, TT, e); },
            [&](int64_t t, const Vec& g) { G[static_cast<size_t>(t)] = norm(g); }, x, /*report=*/false);
        if (pilot.stopped) return;
        pilot_loss = r.has(TSR_OBJECTIVE_V1) ? r.objective().value(x) : pilot.epoch_mean;

        eta = refined_schedule(median_filter(G, width), power);
        x = x0;
        out = tsr::kit::minibatch_loop(
            r, p, update, [&](int64_t t, int64_t, int64_t) { return p.lr * eta[static_cast<size_t>(t)]; },
            [](int64_t, const Vec&) {}, x);
    });
    tsr::kit::put_outcome(r, out);
    r.put_scalar("pilot_final_loss", pilot_loss);
    r.put_scalar("median_width", static_cast<double>(width));
    if (!eta.empty()) r.put_vector("schedule", Eigen::Map<const Vec>(eta.data(), static_cast<Eigen::Index>(eta.size())));
    r.put_vector("grad_norms", Eigen::Map<const Vec>(G.data(), static_cast<Eigen::Index>(G.size())));
}

}  // namespace lr_refine
