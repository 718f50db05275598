// market.regime — correlated GBMs whose drifts and volatilities switch with a hidden Markov regime
// (Hamilton, "A new approach to the economic analysis of nonstationary time series and the
// business cycle", Econometrica 57(2), 1989: Markov-switching means and variances).
//
// From the seed: for each of K regimes and each asset, an annual drift μ_{k,i} ~ U[mu_min, mu_max]
// and volatility σ_{k,i} ~ U[sigma_min, sigma_max], drawn independently, so the best assets differ
// from regime to regime. The regime chain starts in regime 0; each day it stays with probability
// `stay` and otherwise jumps to one of the K − 1 others uniformly (mean sojourn 1/(1 − stay) days).
// Day t's price relatives are a GBM step (synthetic.hpp) under the regime of day t. Ground truth:
// "price_relatives" (T × n) and "regimes" (T, the regime of each day, as doubles).
#include "market.hpp"
#include "synthetic.hpp"

namespace markets {

class RegimeMarket : public Market {
public:
    static constexpr tsr::Info info{"market.regime", "1.0.0",
                                    "Markov regime-switching correlated GBMs: drifts and volatilities change with a hidden regime",
                                    "Hamilton, Econometrica 57(2), 1989"};
    struct Params {
        int64_t n = 20;
        int64_t days = 2520;
        int64_t regimes = 2;
        double stay = 0.99;
        double mu_min = -0.4, mu_max = 0.5;
        double sigma_min = 0.1, sigma_max = 0.5;
        double correlation = 0.3;
        double transaction_cost = 0.0;
        static void schema(tsr::Schema<Params>& s) {
            synthetic_schema(s);
            s.integer("regimes", &Params::regimes, "number of regimes K", {.min = 1, .max = 100});
            s.real("stay", &Params::stay, "daily probability of staying in the current regime", {.min = 0.0, .max = 1.0});
            s.real("mu_min", &Params::mu_min, "smallest annual drift (any regime)", {.min = -5.0, .max = 5.0});
            s.real("mu_max", &Params::mu_max, "largest annual drift (any regime)", {.min = -5.0, .max = 5.0});
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
        if (p.mu_min > p.mu_max || p.sigma_min > p.sigma_max)
            throw tsr::InvalidArgument("market.regime: need mu_min <= mu_max and sigma_min <= sigma_max");
        tsr::kit::Rng law_rng(tsr::kit::mix_seed(seed, 1)), path_rng(tsr::kit::mix_seed(seed, 2)),
            chain_rng(tsr::kit::mix_seed(seed, 3));
        std::vector<AssetLaws> laws;
        for (int64_t k = 0; k < p.regimes; ++k)
            laws.push_back(draw_laws(law_rng, p.n, p.mu_min, p.mu_max, p.sigma_min, p.sigma_max));
        tsr::RowMat X(p.days, p.n);
        int64_t k = 0;
        for (int64_t t = 0; t < p.days; ++t) {
            if (t > 0 && p.regimes > 1 && !chain_rng.bernoulli(p.stay)) {
                const int64_t jump = 1 + static_cast<int64_t>(chain_rng.below(static_cast<uint64_t>(p.regimes - 1)));
                k = (k + jump) % p.regimes;
            }
            regimes[t] = static_cast<double>(k);
            gbm_day(path_rng, laws[k], p.correlation, X.row(t));
        }
        return X;
    }

    tsr::Vec regimes_;  // borrowed by truth_array: never resized after creation
};

TSR_REGISTER(RegimeMarket);

}  // namespace markets
