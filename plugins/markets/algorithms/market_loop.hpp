// market_loop.hpp — the loop every portfolio algorithm runs against a market environment
// (tsr.env.v1, vector actions, full feedback: the outcome of a step is its price relatives x_t).
//
//   for t = 1..T:  play b_t = strategy.portfolio();  x_t = outcome;  strategy.observe(x_t)
//
// The host records the rewards log(b_t·x_t) (run array "env.rewards") and counts the steps;
// the loop reports the log-wealth so far as a trace value ("log_wealth") at about `trace_points`
// evenly spaced steps and at the last one.
#pragma once

#include <algorithm>
#include <string>

#include <tessera/sdk.hpp>

#include "strategies/strategy.hpp"

namespace markets {

// The number of assets of the run's market; throws Unsupported when the environment is not one.
inline int64_t market_assets(const tsr_env_spec& s, const char* who) {
    if (s.n_arms != 0 || s.action_dim < 1 || s.feedback != TSR_FEEDBACK_FULL || s.outcome_dim != s.action_dim)
        throw tsr::Unsupported(std::string(who) +
                               " needs a market: vector actions (portfolios), full feedback with the price relatives as outcome");
    return s.action_dim;
}

// Runs `strategy` on the environment `env` from reset to done (or until the host stops the run);
// returns the log-wealth.
inline double run_market(tsr::Run& r, tsr::EnvRef& env, Strategy& strategy, int64_t trace_points) {
    const tsr_env_spec& s = env.spec();
    tsr::Vec observation(s.observation_dim), x(s.outcome_dim);
    env.reset(r.seed(), observation);
    const int64_t every = std::max<int64_t>(1, s.horizon / std::max<int64_t>(1, trace_points));
    double log_wealth = 0.0;
    for (int64_t t = 1;; ++t) {
        const tsr_env_step st = env.step_vector(strategy.portfolio(), observation, x);
        log_wealth += st.reward;
        strategy.observe(x);
        const bool last = st.done != 0;
        if ((t % every == 0 || last) && r.report_values(t, {{"log_wealth", log_wealth}})) break;
        if (last || r.should_stop()) break;
    }
    return log_wealth;
}

// The whole run of an algorithm that is one strategy: `make(n)` builds it for the market's n
// assets. Solution: the last portfolio ("portfolio") and the log-wealth ("log_wealth").
template <class Make>
void run_strategy(tsr::Run& r, const char* who, int64_t trace_points, Make&& make) {
    tsr::EnvRef env = r.env();
    const int64_t n = market_assets(env.spec(), who);
    auto strategy = make(n);
    const double log_wealth = run_market(r, env, *strategy, trace_points);
    r.put_vector("portfolio", strategy->portfolio());
    r.put_scalar("log_wealth", log_wealth);
}

// The schema entry of the trace density.
template <class P>
void trace_points_param(tsr::Schema<P>& s) {
    s.integer("trace_points", &P::trace_points, "about this many trace points over the horizon", {.min = 1});
}

}  // namespace markets
