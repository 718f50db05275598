// stream_driver.hpp — the loop every dynsub algorithm shares: pull updates from tsr.stream.v1,
// hand them to the algorithm (a policy with insert(e) / erase(e) / solution()), hand the current
// solution back to the stream every `report_every` updates (and after the last one), and put a
// few trace points (no objective: values are measured by the metrics, not by the algorithm).
//
// Policy interface:
//   void insert(int64_t e);   void erase(int64_t e);   std::span<const int64_t> solution() const;
//   int64_t restarts() const;   // level rebuilds / greedy recomputations / sieve restarts so far
#pragma once

#include <algorithm>
#include <vector>

#include <tessera/kit/rng.hpp>

#include <tessera/sdk.hpp>

namespace dynsub {

template <class Policy>
void drive_stream(tsr::Run& r, tsr::StreamRef& stream, Policy& algo, int64_t report_every) {
    const int64_t U = stream.length();
    const int64_t trace_every = std::max<int64_t>(1, U / 100);
    int64_t t = 0;
    for (;;) {
        const tsr_stream_update u = stream.next();
        if (u.kind == TSR_UPDATE_END) break;
        if (u.kind == TSR_UPDATE_INSERT)
            algo.insert(u.element);
        else if (u.kind == TSR_UPDATE_DELETE)
            algo.erase(u.element);
        ++t;
        if (t % report_every == 0 || t == U) stream.solution(algo.solution());
        if (t % trace_every == 0 || t == U) {
            const auto s = algo.solution();
            if (r.report_values(t, {{"solution_size", static_cast<double>(s.size())},
                                    {"restarts", static_cast<double>(algo.restarts())}}))
                break;
        }
        if (r.should_stop()) break;
    }
    r.put_scalar("updates", static_cast<double>(t));
    r.put_scalar("restarts", static_cast<double>(algo.restarts()));
}

// The parameters every dynsub algorithm with an accuracy has (a component's Params derives from it),
// registered once by stream_schema with the meaning of eps given by `eps_help`.
struct StreamParams {
    double eps = 0.1;
    int64_t k = 0;
    int64_t report_every = 1;
};
template <class P>
void stream_schema(tsr::Schema<P>& s, const char* eps_help) {
    s.real("eps", &P::eps, eps_help, {.min = 1e-3, .max = 1.0});
    s.integer("k", &P::k, "cardinality |S| <= k (0: the problem's)", {.min = 0});
    s.integer("report_every", &P::report_every, "hand the solution to the stream every this many updates", {.min = 1});
}

// The cardinality k: the algorithm's parameter when > 0, else the problem's constraint.
inline int64_t cardinality(int64_t param_k, const tsr::SetFunctionRef& f) {
    const int64_t k = param_k > 0 ? param_k : f.properties().cardinality;
    if (k < 1) throw tsr::InvalidArgument("no cardinality k: the problem poses none and the parameter k is 0");
    return k;
}

// The batched gains (and the value) of tsr.set_function.v1 as the callable the shared headers take.
struct GainsOracle {
    const tsr::SetFunctionRef* f;
    void operator()(std::span<const int64_t> S, std::span<const int64_t> cand, std::span<double> out) const {
        if (cand.empty()) return;
        tsr::VecMap o(out.data(), static_cast<Eigen::Index>(out.size()));
        f->gains(S, cand, o);
    }
    double value(std::span<const int64_t> S) const { return f->value(S); }
};

// The policy of the guess-based algorithms (dynsub.dynamic, dynsub.halving): one singleton query
// f(e) per insert, shared by the guesses e takes part in (parallel_guesses.hpp).
template <class Guesses>
struct GuessesPolicy {
    Guesses guesses;
    GainsOracle& gains;
    tsr::kit::Rng& rng;
    void insert(int64_t e) {
        double fe = 0.0;
        gains(std::span<const int64_t>(), std::span<const int64_t>(&e, 1), std::span<double>(&fe, 1));
        guesses.insert(e, fe, gains, rng);
    }
    void erase(int64_t e) { guesses.erase(e, gains, rng); }
    std::span<const int64_t> solution() const { return guesses.solution(); }
    int64_t restarts() const { return guesses.rebuilds(); }
};

// Runs a guess-based algorithm on the run's stream; scalar "guesses": the guesses created.
template <class Guesses>
void run_guesses(tsr::Run& r, double eps, int64_t param_k, int64_t report_every) {
    const tsr::SetFunctionRef f = r.set_function();
    tsr::StreamRef stream = r.stream();
    const int64_t k = cardinality(param_k, f);
    GainsOracle gains{&f};
    tsr::kit::Rng rng(r.seed());
    GuessesPolicy<Guesses> algo{Guesses(eps, k, f.ground_size()), gains, rng};
    drive_stream(r, stream, algo, report_every);
    r.put_scalar("guesses", static_cast<double>(algo.guesses.num_guesses()));
}

}  // namespace dynsub
