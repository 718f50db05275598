// tessera/kit/minibatch.hpp — the epoch/minibatch loop of the stochastic first-order methods
// (opt.sgd, opt.adam, opt.adamw, opt.sgd_armijo in baselines; lr_refine.sgd / lr_refine.adam).
//
//   x ← the caller's starting point (minibatch_initial_point: x0 of tsr.objective.v1 if the
//       problem serves it, else 0)
//   for epoch = 0, ..., epochs − 1:
//       π ← a uniformly random permutation of the n terms (Fisher–Yates, tsr::kit::Rng(run seed))
//       for each consecutive block B of π of size `batch` (the last one may be smaller):
//           f_B, g ← f_B(x), ∇f_B(x) = (1/|B|) Σ_{i∈B} ∇f_i(x)        (tsr.finite_sum.v1)
//           on_gradient(t, g)                                           (observer, e.g. norms)
//           x ← update(x, g, lr(t, T, epoch));  t ← t + 1
//       trace point (iteration t): f(x) and ‖∇f(x)‖₂ on the full objective when the problem
//       serves tsr.objective.v1 (one value_gradient call of that interface, counted apart);
//       otherwise the running mean of the epoch's minibatch values and the last minibatch
//       gradient norm.
// T = epochs · ⌈n / batch⌉. Sampling is without replacement within an epoch (random reshuffling;
// Bottou 2009). The permutations depend on the run seed only, so two loops of one run (lr_refine's
// two passes) see the same minibatches. The host's max_iterations budget counts trace points.
//
// The update is a policy (kit/sgd_update.hpp, kit/adam_update.hpp) with
//     void init(int64_t d);                               // state for dimension d
//     void step(Vec& x, const Vec& g, double lr);         // one update with gradient g
// or, for methods that evaluate the minibatch function at trial points (line searches),
//     double step_on_batch(Vec& x, const Vec& g, double lr, const BatchProbe& b);  // returns the step used
//
// Ownership: the loop borrows r, x and the policy for the call; it allocates its work vectors
// once per call, nothing per step. Thread rule: the thread that runs the algorithm (tsr::Run's).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <tessera/kit/keep_solution.hpp>
#include <tessera/kit/rng.hpp>
#include <tessera/kit/schedule.hpp>
#include <tessera/sdk.hpp>
#include <tessera/sdk/run.hpp>

namespace tsr::kit {

struct MinibatchParams {
    double lr = 0.1;
    int64_t batch = 32;
    int64_t epochs = 20;
    std::string schedule = "constant";
    double gamma = 0.1;
    int64_t step_every = 10;
    double tol = 0.0;
    int64_t report_every = 1;

    // with_schedule = false leaves out schedule / gamma / step_every (for components whose
    // schedule is not a named one).
    template <class P>
    static void add_to(tsr::Schema<P>& s, const char* lr_help, bool with_schedule = true) {
        s.real("lr", &P::lr, lr_help, {.min = 1e-300}, TSR_PARAM_FLAG_LOG_SCALE);
        s.template integer<int64_t>("batch", &P::batch, "minibatch size (capped at the number of terms n)",
                                    {.min = 1});
        s.template integer<int64_t>("epochs", &P::epochs, "passes over the data", {.min = 1});
        if (with_schedule) {
            s.choice("schedule", &P::schedule, {"constant", "linear", "cosine", "step"},
                     "learning-rate schedule: constant; linear decay to 0; cosine annealing to 0 (SGDR, one "
                     "period); step: times gamma every step_every epochs");
            s.real("gamma", &P::gamma, "step schedule: factor applied every step_every epochs",
                   {.min = 0.0, .max = 1.0});
            s.template integer<int64_t>("step_every", &P::step_every, "step schedule: epochs between decays",
                                        {.min = 1});
        }
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

// The minibatch a step_on_batch policy may evaluate again (at trial points).
struct BatchProbe {
    const tsr::FiniteSumRef& fs;
    std::span<const int64_t> idx;
    double f;  // f_B(x) at the current x
    double value(const tsr::Vec& y) const { return fs.batch_value(y, idx); }
};

struct MinibatchOutcome {
    int64_t steps = 0;
    int64_t epochs = 0;  // epochs completed
    bool converged = false;
    bool stopped = false;  // the host asked the run to stop
    double epoch_mean = std::numeric_limits<double>::quiet_NaN();  // mean minibatch value of the last full epoch
};

// The outcome as the run's scalars steps / epochs / converged.
inline void put_outcome(tsr::Run& r, const MinibatchOutcome& out) {
    r.put_scalar("steps", static_cast<double>(out.steps));
    r.put_scalar("epochs", static_cast<double>(out.epochs));
    r.put_scalar("converged", out.converged ? 1.0 : 0.0);
}

inline int64_t minibatch_size(const MinibatchParams& p, int64_t n) { return std::min(p.batch, n); }
// T: the number of minibatch steps of the whole run.
inline int64_t minibatch_steps(const MinibatchParams& p, int64_t n) {
    const int64_t b = minibatch_size(p, n);
    return p.epochs * ((n + b - 1) / b);
}

inline tsr::Vec minibatch_initial_point(const tsr::Run& r, int64_t d) {
    if (r.has(TSR_OBJECTIVE_V1)) return r.objective().initial_point();
    return tsr::Vec::Zero(d);
}

// One pass of the loop from x (updated in place). lr_at(t, T, epoch) -> learning rate of step t;
// on_gradient(t, g) sees each minibatch gradient before the update. report = false runs silently:
// no trace points, no full-objective evaluations, no tol test (a pilot run).
template <class Update, class LrAt, class OnGradient>
MinibatchOutcome minibatch_loop(tsr::Run& r, const MinibatchParams& p, Update& update, LrAt&& lr_at,
                                OnGradient&& on_gradient, tsr::Vec& x, bool report = true) {
    const tsr::FiniteSumRef fs = r.finite_sum();
    const int64_t n = fs.n_terms(), d = fs.dim();
    if (n <= 0) throw tsr::InvalidArgument("the finite sum has no terms");
    if (x.size() != d) throw tsr::InvalidArgument("the starting point has the wrong dimension");
    std::optional<tsr::ObjectiveRef> full;
    if (report && r.has(TSR_OBJECTIVE_V1)) full = r.objective();
    if (full && full->dim() != d) throw tsr::InvalidArgument("objective and finite sum disagree on the dimension");

    const int64_t batch = minibatch_size(p, n);
    const int64_t T = minibatch_steps(p, n);

    tsr::Vec g(d), g_full(full ? d : 0);
    std::vector<int64_t> perm(static_cast<size_t>(n));
    std::iota(perm.begin(), perm.end(), int64_t{0});
    tsr::kit::Rng rng(r.seed());
    update.init(d);

    MinibatchOutcome out;
    int64_t& t = out.steps;
    if (full) {  // the starting point, so that the trace begins at f(x0)
        const double f0 = full->value_gradient(x, g_full);
        if (r.report(0, f0, {{"grad_norm", g_full.norm()}, {"step", lr_at(int64_t{0}, T, int64_t{0})}})) {
            out.stopped = true;
            return out;
        }
    }
    for (int64_t epoch = 0; epoch < p.epochs; ++epoch) {
        for (int64_t i = n - 1; i > 0; --i)  // Fisher–Yates
            std::swap(perm[static_cast<size_t>(i)], perm[static_cast<size_t>(rng.below(static_cast<uint64_t>(i + 1)))]);
        double sum = 0.0, lr_t = 0.0;
        for (int64_t start = 0; start < n; start += batch) {
            if (r.should_stop()) {
                out.stopped = true;
                return out;
            }
            const std::span<const int64_t> idx(perm.data() + start, static_cast<size_t>(std::min(batch, n - start)));
            const double fb = fs.batch_value_gradient(x, idx, g);
            sum += fb * static_cast<double>(idx.size());
            on_gradient(t, std::as_const(g));
            lr_t = lr_at(t, T, epoch);
            if constexpr (requires(const BatchProbe& b) { update.step_on_batch(x, g, lr_t, b); }) {
                lr_t = update.step_on_batch(x, g, lr_t, BatchProbe{fs, idx, fb});
            } else {
                update.step(x, g, lr_t);
            }
            ++t;
        }
        out.epochs = epoch + 1;
        out.epoch_mean = sum / static_cast<double>(n);
        if (!report) continue;
        if ((epoch + 1) % p.report_every != 0 && epoch + 1 != p.epochs) continue;
        double fe, gnorm;
        if (full) {
            fe = full->value_gradient(x, g_full);
            gnorm = g_full.norm();
        } else {
            fe = sum / static_cast<double>(n);
            gnorm = g.norm();
        }
        if (r.report(t, fe, {{"grad_norm", gnorm}, {"step", lr_t}, {"epoch", static_cast<double>(epoch + 1)}})) {
            out.stopped = true;
            return out;
        }
        if (full && gnorm <= p.tol) {
            out.converged = true;
            return out;
        }
    }
    return out;
}

// The whole run of a minibatch method with a named schedule (p.schedule): x0, the loop, the
// solution "x" and the scalars steps / epochs / converged.
template <class Update>
void run_minibatch(tsr::Run& r, const MinibatchParams& p, Update& update) {
    const tsr::FiniteSumRef fs = r.finite_sum();
    const ScheduleSpec sched{parse_schedule(p.schedule), p.gamma, p.step_every};
    tsr::Vec x = minibatch_initial_point(r, fs.dim());
    MinibatchOutcome out;
    keep_solution(r, x, [&] {
        out = minibatch_loop(
            r, p, update,
            [&](int64_t t, int64_t T, int64_t epoch) { return p.lr * schedule_factor(sched, t, T, epoch); },
            [](int64_t, const tsr::Vec&) {}, x);
    });
    put_outcome(r, out);
}

}  // namespace tsr::kit
