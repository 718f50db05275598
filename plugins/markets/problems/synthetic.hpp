// synthetic.hpp — daily price relatives of correlated geometric Brownian motions.
//
// Asset i has annual drift μ_i and volatility σ_i; one trading day is dt = 1/252 year. With a
// one-factor correlation ρ ∈ [0, 1) (every pair of log-returns has correlation ρ),
//     z_{t,i} = √ρ f_t + √(1 − ρ) ε_{t,i},    f_t, ε_{t,i} ~ N(0, 1) independent,
//     x_{t,i} = exp((μ_i − σ_i²/2) dt + σ_i √dt z_{t,i})          (exact GBM step),
// so E[x_{t,i}] = exp(μ_i dt) and log x_{t,i} ~ N((μ_i − σ_i²/2) dt, σ_i² dt).
#pragma once

#include <cmath>

#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

namespace markets {

inline constexpr double kTradingDays = 252.0;

// The parameters every synthetic market has; each market sets its own default ranges.
struct SyntheticParams {
    int64_t n = 20;
    int64_t days = 2520;
    double mu_min, mu_max;        // annual drifts ~ U[mu_min, mu_max]
    double sigma_min, sigma_max;  // annual volatilities ~ U[sigma_min, sigma_max]
    double correlation = 0.3;
    double transaction_cost = 0.0;
    SyntheticParams(double mu_lo, double mu_hi, double sigma_lo, double sigma_hi)
        : mu_min(mu_lo), mu_max(mu_hi), sigma_min(sigma_lo), sigma_max(sigma_hi) {}
};

// Annual drifts and volatilities of n assets, uniform in the given ranges.
struct AssetLaws {
    tsr::Vec mu, sigma;
};

inline AssetLaws draw_laws(tsr::kit::Rng& rng, const SyntheticParams& p) {
    if (p.mu_min > p.mu_max || p.sigma_min > p.sigma_max)
        throw tsr::InvalidArgument("need mu_min <= mu_max and sigma_min <= sigma_max");
    AssetLaws a{tsr::Vec(p.n), tsr::Vec(p.n)};
    for (int64_t i = 0; i < p.n; ++i) a.mu[i] = rng.uniform(p.mu_min, p.mu_max);
    for (int64_t i = 0; i < p.n; ++i) a.sigma[i] = rng.uniform(p.sigma_min, p.sigma_max);
    return a;
}

// Writes one day's price relatives (the row) under the laws, with correlation rho.
template <class Row>
void gbm_day(tsr::kit::Rng& rng, const AssetLaws& laws, double rho, Row&& row) {
    const double dt = 1.0 / kTradingDays;
    const double f = rng.normal();
    const double a = std::sqrt(rho), b = std::sqrt(1.0 - rho);
    for (Eigen::Index i = 0; i < laws.mu.size(); ++i) {
        const double z = a * f + b * rng.normal();
        const double s = laws.sigma[i];
        row[i] = std::exp((laws.mu[i] - 0.5 * s * s) * dt + s * std::sqrt(dt) * z);
    }
}

// The schema entries of SyntheticParams.
template <class P>
void synthetic_schema(tsr::Schema<P>& s) {
    s.integer("n", &P::n, "number of assets", {.min = 1, .max = 1000});
    s.integer("days", &P::days, "trading days T (252 a year)", {.min = 1, .max = 100000});
    s.real("mu_min", &P::mu_min, "smallest annual drift", {.min = -5.0, .max = 5.0});
    s.real("mu_max", &P::mu_max, "largest annual drift", {.min = -5.0, .max = 5.0});
    s.real("sigma_min", &P::sigma_min, "smallest annual volatility", {.min = 0.0, .max = 5.0});
    s.real("sigma_max", &P::sigma_max, "largest annual volatility", {.min = 0.0, .max = 5.0});
    s.real("correlation", &P::correlation, "correlation of every pair of daily log-returns", {.min = 0.0, .max = 0.99});
    s.real("transaction_cost", &P::transaction_cost,
           "proportional cost gamma: reward += log(1 - gamma/2 ||b_t - b_hat_{t-1}||_1)", {.min = 0.0, .max = 0.5});
}

}  // namespace markets
