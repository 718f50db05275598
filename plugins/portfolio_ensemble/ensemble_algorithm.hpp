// ensemble_algorithm.hpp — the loop both ensemble components share: build the components named
// by `components` for the market's n assets, combine them (ensemble.hpp), play the combination
// on the market environment (plugins/markets/algorithms/market_loop.hpp).
#pragma once

#include "algorithms/market_loop.hpp"
#include "ensemble.hpp"
#include "strategies/catalog.hpp"

namespace portfolio_ensemble {

// Parameters of both variants: the components, their own hyper-parameters, the grid.
struct EnsembleParams {
    std::string components = "ucrp,bah,eg,ons,anticor";
    int64_t grid_points = 1000;
    double eg_eta = 0.05, ons_eta = 0.0, ons_beta = 1.0, ons_delta = 0.125;
    int64_t anticor_window = 30;
    int64_t trace_points = 200;

    template <class P>
    static void schema_of(tsr::Schema<P>& s) {
        s.text("components", &P::components,
               "comma-separated component strategies, any of: ucrp, bah, eg, ons, anticor (each with the parameters below)");
        s.integer("grid_points", &P::grid_points,
                  "M: combinations of the components the integral over the simplex is taken on (the K vertices, the "
                  "uniform combination and M-K-1 uniform draws)",
                  {.min = 1, .max = 10000000});
        s.real("eg_eta", &P::eg_eta, "EG component: learning rate", {.min = 0.0, .max = 1e3});
        s.real("ons_eta", &P::ons_eta, "ONS component: uniform mixing", {.min = 0.0, .max = 1.0});
        s.real("ons_beta", &P::ons_beta, "ONS component: beta", {.min = 1e-12});
        s.real("ons_delta", &P::ons_delta, "ONS component: delta", {.min = 1e-12});
        s.integer("anticor_window", &P::anticor_window, "Anticor component: window w", {.min = 2, .max = 10000});
        markets::trace_points_param(s);
    }

    markets::StrategyParams strategy_params() const {
        return {.eg_eta = eg_eta, .ons_eta = ons_eta, .ons_beta = ons_beta, .ons_delta = ons_delta,
                .anticor_window = anticor_window};
    }
};

// Runs the ensemble with tempering exponent eta (1: the universal mix). Solution: "portfolio" (the
// last one played), "combination" (its weights over the components), "component_log_wealth" and
// the scalars "log_wealth", "best_component_log_wealth" and "best_combination_log_wealth" (the
// best constant combination of the grid in hindsight: the baseline the ensemble is universal for).
inline void run_ensemble(tsr::Run& r, const char* who, const EnsembleParams& p, double eta) {
    tsr::EnvRef env = r.env();
    const int64_t n = markets::market_assets(env.spec(), who);
    const markets::StrategyParams sp = p.strategy_params();
    std::vector<std::unique_ptr<markets::Strategy>> parts;
    for (const std::string& name : markets::split_names(p.components)) {
        try {
            parts.push_back(markets::make_strategy(name, n, sp));
        } catch (const std::invalid_argument& e) {
            throw tsr::InvalidArgument(std::string(who) + ": " + e.what());
        }
    }
    Ensemble ensemble(std::move(parts), p.grid_points, eta, tsr::kit::mix_seed(r.seed(), 1));
    const double log_wealth = markets::run_market(r, env, ensemble, p.trace_points);
    r.put_vector("portfolio", ensemble.portfolio());
    r.put_vector("combination", ensemble.combination());
    r.put_vector("component_log_wealth", ensemble.component_log_wealth());
    r.put_scalar("log_wealth", log_wealth);
    r.put_scalar("best_component_log_wealth", ensemble.component_log_wealth().maxCoeff());
    r.put_scalar("best_combination_log_wealth", ensemble.combination_log_wealth().maxCoeff());
}

}  // namespace portfolio_ensemble
