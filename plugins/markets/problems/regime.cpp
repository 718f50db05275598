// market.regime — correlated GBMs whose drifts and volatilities switch with a hidden Markov regime
// (Hamilton, "A new approach to the economic analysis of nonstationary time series and the
// business cycle", Econometrica 57(2), 1989: Markov-switching means and variances).
//
// From the seed: for each of K regimes and each asset, an annual drift μ_{k,i} ~ U[mu_min, mu_max]
// and volatility σ_{k,i} ~ U[sigma_min, sigma_max], drawn independently, so the best assets differ
// from regime to regime. The regime chain starts in regime 0; each day it stays with probability
// `stay` and otherwise jumps to one of the K − 1 others uniformly (mean sojourn 1/(1 − stay) days).
// Day t's price relatives are a GBM step (synthetic.hpp) under the regime of day t, with an optional
// mean reversion that differs by regime: regime k pulls each log-price back toward its drift path
// at the daily rate κ_k = mean_reversion · k / (K − 1) (regime 0 trends, the last reverts most):
//     d_{t,i} = (1 − κ_k) d_{t−1,i} + σ_{k,i} √dt z_{t,i}        (deviation from the trend; AR(1)),
//     log x_{t,i} = (μ_{k,i} − σ_{k,i}²/2) dt + d_{t,i} − d_{t−1,i},
// with d = 0 again at every regime change (the trend is re-anchored where a regime starts),
// so mean_reversion = 0 (the default) is the plain switching GBM. Ground truth: "price_relatives"
// (T × n) and "regimes" (T, the regime of each day, as doubles).
#include "market.hpp"
#include "synthetic.hpp"

namespace markets {

class RegimeMarket : public Market {
public:
    static constexpr tsr::Info info{"market.regime", "1.0.0",
                                    "Markov regime-switching correlated GBMs: drifts and volatilities change with a hidden regime",
                                    "Hamilton, Econometrica 57(2), 1989"};
    struct Params : SyntheticParams {
        int64_t regimes = 2;
        double stay = 0.99;
        double mean_reversion = 0.0;
        Params() : SyntheticParams(-0.4, 0.5, 0.1, 0.5) {}
        static void schema(tsr::Schema<Params>& s) {
            synthetic_schema(s);
            s.integer("regimes", &Params::regimes, "number of regimes K", {.min = 1, .max = 100});
            s.real("stay", &Params::stay, "daily probability of staying in the current regime", {.min = 0.0, .max = 1.0});
            s.real("mean_reversion", &Params::mean_reversion,
                   "daily mean-reversion rate of the last regime's log-prices toward their trend (regime k: k/(K-1) of it)",
                   {.min = 0.0, .max = 1.0});
        }
    };

    RegimeMarket(const Params& p, uint64_t seed) : RegimeMarket(p, seed, tsr::Vec(p.days)) {}

    std::optional<tsr_array> truth_array(std::string_view name) const {
        if (name == "regimes") return tsr::array_view(regimes_);
        return Market::truth_array(name);
    }
    const char* const* truth_names() const {
        static const char* const names[] = {"price_relatives", "regimes", nullptr};
        return names;
    }

private:
    RegimeMarket(const Params& p, uint64_t seed, tsr::Vec regimes)
        : Market(generate(p, seed, regimes), p.transaction_cost), regimes_(std::move(regimes)) {}

    static tsr::RowMat generate(const Params& p, uint64_t seed, tsr::Vec& regimes) {
        tsr::kit::Rng law_rng(tsr::kit::mix_seed(seed, 1)), path_rng(tsr::kit::mix_seed(seed, 2)),
            chain_rng(tsr::kit::mix_seed(seed, 3));
        std::vector<AssetLaws> laws;
        for (int64_t k = 0; k < p.regimes; ++k)
            laws.push_back(draw_laws(law_rng, p));
        tsr::RowMat X(p.days, p.n);
        tsr::Vec deviation = tsr::Vec::Zero(p.n);
        int64_t k = 0;
        for (int64_t t = 0; t < p.days; ++t) {
            if (t > 0 && p.regimes > 1 && !chain_rng.bernoulli(p.stay)) {
                const int64_t jump = 1 + static_cast<int64_t>(chain_rng.below(static_cast<uint64_t>(p.regimes - 1)));
                k = (k + jump) % p.regimes;
                deviation.setZero();
            }
            regimes[t] = static_cast<double>(k);
            gbm_day(path_rng, laws[k], p.correlation, X.row(t));
            const double kappa = p.regimes > 1 ? p.mean_reversion * static_cast<double>(k) / static_cast<double>(p.regimes - 1) : 0.0;
            if (kappa == 0.0) continue;  // a plain GBM step
            for (int64_t i = 0; i < p.n; ++i) {
                const double s = laws[k].sigma[i];
                const double drift = (laws[k].mu[i] - 0.5 * s * s) / kTradingDays;
                const double shock = std::log(X(t, i)) - drift;  // σ √dt z of the GBM step
                const double next = (1.0 - kappa) * deviation[i] + shock;
                X(t, i) = std::exp(drift + next - deviation[i]);
                deviation[i] = next;
            }
        }
        return X;
    }

    tsr::Vec regimes_;  // borrowed by truth_array: never resized after creation
};

TSR_REGISTER(RegimeMarket);

}  // namespace markets
