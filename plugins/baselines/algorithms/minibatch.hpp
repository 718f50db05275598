// minibatch.hpp — the epoch/minibatch loop shared by opt.sgd, opt.adam and opt.adamw. The update
// rule is a small policy (sgd_update.hpp, adam_update.hpp) with
//     void init(int64_t d);                                  // state for dimension d
//     void step(Vec& x, const Vec& g, double lr);            // one update with gradient g
// and the learning rate lr · η_t comes from the schedule (schedule.hpp).
//
//   x ← initial point of tsr.objective.v1 if the problem serves it, else 0
//   for epoch = 0, ..., epochs − 1:
//       π ← a uniformly random permutation of the n terms (Fisher–Yates, tsr::kit::Rng(run seed))
//       for each consecutive block B of π of size `batch` (the last one may be smaller):
//           g ← ∇f_B(x) = (1/|B|) Σ_{i∈B} ∇f_i(x)          (tsr.finite_sum.v1)
//           x ← update(x, g, lr · η_t);  t ← t + 1
//       trace point (iteration t): f(x) and ‖∇f(x)‖₂ on the full objective when the problem
//       serves tsr.objective.v1 (one value_gradient call of that interface, counted apart);
//       otherwise the running mean of the epoch's minibatch values and the last minibatch
//       gradient norm.
// Sampling is without replacement within an epoch (random reshuffling; Bottou 2009, "Curiously
// fast convergence of some stochastic gradient descent algorithms"). The host's max_iterations
// budget counts trace points, i.e. reported epochs.
#pragma once

#include <algorithm>
#include <numeric>
#include <optional>
#include <span>
#include <vector>

#include <tessera/kit/rng.hpp>

#include "common.hpp"
#include "schedule.hpp"

namespace baselines {

struct MinibatchParams {
    double lr = 0.1;
    int64_t batch = 32;
    int64_t epochs = 20;
    std::string schedule = "constant";
    double gamma = 0.1;
    int64_t step_every = 10;
    double tol = 0.0;
    int64_t report_every = 1;

    template <class P>
    static void add_to(tsr::Schema<P>& s, const char* lr_help) {
        s.real("lr", &P::lr, lr_help, {.min = 1e-300}, TSR_PARAM_FLAG_LOG_SCALE);
        s.template integer<int64_t>("batch", &P::batch, "minibatch size (capped at the number of terms n)",
                                    {.min = 1});
        s.template integer<int64_t>("epochs", &P::epochs, "passes over the data", {.min = 1});
        s.choice("schedule", &P::schedule, {"constant", "linear", "cosine", "step"},
                 "learning-rate schedule: constant; linear decay to 0; cosine annealing to 0 (SGDR, one "
                 "period); step: times gamma every step_every epochs");
        s.real("gamma", &P::gamma, "step schedule: factor applied every step_every epochs", {.min = 0.0, .max = 1.0});
        s.template integer<int64_t>("step_every", &P::step_every, "step schedule: epochs between decays", {.min = 1});
        s.real("tol", &P::tol,
               "stop at an epoch end when the full gradient norm <= tol (needs tsr.objective.v1; 0: never)",
               {.min = 0.0});
        s.template integer<int64_t>("report_every", &P::report_every,
                                    "append a trace point every this many epochs and after the last: the full "
                                    "objective if the problem serves tsr.objective.v1, else the running mean of "
                                    "the epoch's minibatch values",
                                    {.min = 1});
    }
};

template <class Update>
void run_minibatch(tsr::Run& r, const MinibatchParams& p, Update& update) {
    const tsr::FiniteSumRef fs = r.finite_sum();
    const int64_t n = fs.n_terms(), d = fs.dim();
    if (n <= 0) throw tsr::InvalidArgument("the finite sum has no terms");
    std::optional<tsr::ObjectiveRef> full;
    if (r.has(TSR_OBJECTIVE_V1)) full = r.objective();
    if (full && full->dim() != d) throw tsr::InvalidArgument("objective and finite sum disagree on the dimension");

    const ScheduleSpec sched{parse_schedule(p.schedule), p.gamma, p.step_every};
    const int64_t batch = std::min(p.batch, n);
    const int64_t steps_per_epoch = (n + batch - 1) / batch;
    const int64_t T = p.epochs * steps_per_epoch;

    Vec x = full ? full->initial_point() : Vec::Zero(d);
    Vec g(d), g_full(full ? d : 0);
    std::vector<int64_t> perm(static_cast<size_t>(n));
    std::iota(perm.begin(), perm.end(), int64_t{0});
    tsr::kit::Rng rng(r.seed());
    update.init(d);

    int64_t t = 0, epoch = 0;
    bool converged = false;
    keep_solution(r, x, [&] {
        if (full) {  // the starting point, so that the trace begins at f(x0)
            const double f0 = full->value_gradient(x, g_full);
            if (r.report(0, f0, {{"grad_norm", g_full.norm()}, {"step", p.lr * schedule_factor(sched, 0, T, 0)}}))
                return;
        }
        for (epoch = 0; epoch < p.epochs; ++epoch) {
            for (int64_t i = n - 1; i > 0; --i)  // Fisher–Yates
                std::swap(perm[static_cast<size_t>(i)],
                          perm[static_cast<size_t>(rng.below(static_cast<uint64_t>(i + 1)))]);
            double sum = 0.0, lr_t = 0.0;
            for (int64_t start = 0; start < n; start += batch) {
                if (r.should_stop()) return;
                const std::span<const int64_t> idx(perm.data() + start, static_cast<size_t>(std::min(batch, n - start)));
                sum += fs.batch_value_gradient(x, idx, g) * static_cast<double>(idx.size());
                lr_t = p.lr * schedule_factor(sched, t, T, epoch);
                update.step(x, g, lr_t);
                ++t;
            }
            if ((epoch + 1) % p.report_every != 0 && epoch + 1 != p.epochs) continue;
            double fe, gnorm;
            if (full) {
                fe = full->value_gradient(x, g_full);
                gnorm = g_full.norm();
            } else {
                fe = sum / static_cast<double>(n);
                gnorm = g.norm();
            }
            if (r.report(t, fe, {{"grad_norm", gnorm}, {"step", lr_t}, {"epoch", static_cast<double>(epoch + 1)}}))
                return;
            if (full && gnorm <= p.tol) {
                converged = true;
                ++epoch;
                return;
            }
        }
    });
    r.put_scalar("steps", static_cast<double>(t));
    r.put_scalar("epochs", static_cast<double>(epoch));
    r.put_scalar("converged", converged ? 1.0 : 0.0);
}

}  // namespace baselines
