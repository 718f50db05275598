// market.gbm — n correlated geometric Brownian motions, daily (synthetic.hpp for the law).
//
// From the seed: each asset's annual drift μ_i ~ U[mu_min, mu_max] and volatility
// σ_i ~ U[sigma_min, sigma_max], then T = days daily price relatives. Known optimum (for metrics
// that want one): in expectation, the log-optimal constant rebalanced portfolio
// argmax_b E log(b·x) is the best strategy for this i.i.d. market (Cover & Thomas, Elements of
// Information Theory, Thm 16.3.1); the sequence itself is the ground truth "price_relatives".
#include "market.hpp"
#include "synthetic.hpp"

namespace markets {

class GbmMarket : public Market {
public:
    static constexpr tsr::Info info{"market.gbm", "1.0.0",
                                    "correlated geometric Brownian motions: daily price relatives of n assets",
                                    "Black & Scholes, J. Political Economy 81(3), 1973 (GBM prices)"};
    struct Params : SyntheticParams {
        Params() : SyntheticParams(-0.05, 0.15, 0.15, 0.45) {}
        static void schema(tsr::Schema<Params>& s) { synthetic_schema(s); }
    };

    GbmMarket(const Params& p, uint64_t seed) : Market(generate(p, seed), p.transaction_cost) {}

private:
    static tsr::RowMat generate(const Params& p, uint64_t seed) {
        tsr::kit::Rng law_rng(tsr::kit::mix_seed(seed, 1)), path_rng(tsr::kit::mix_seed(seed, 2));
        const AssetLaws laws = draw_laws(law_rng, p);
        tsr::RowMat X(p.days, p.n);
        for (int64_t t = 0; t < p.days; ++t) gbm_day(path_rng, laws, p.correlation, X.row(t));
        return X;
    }
};

TSR_REGISTER(GbmMarket);

}  // namespace markets
