// bandit.bernoulli — the stochastic K-armed Bernoulli bandit.
//
//   r_t(a) ~ Bernoulli(μ_a) independently over t and a;  regret against the best fixed arm in
//   hindsight ("rewards") and pseudo-regret Σ_t (max_a μ_a − μ_{a_t}) ("mean_rewards").
//
// Instance from the seed: the means (arm_means.hpp: uniform, or a two-level instance with gap
// `gap`), then the T × K reward table row by row (the same stream, so a seed fixes everything).
// Known optimum: the arm of largest mean; the minimax pseudo-regret is Θ(√(KT)) and UCB1's is
// O(Σ_{a: Δ_a > 0} log T / Δ_a) (Auer, Cesa-Bianchi & Fischer 2002).
#include "arm_means.hpp"

namespace bandit_envs {

class BernoulliBandit : public RewardTableEnv {
public:
    static constexpr tsr::Info info{"bandit.bernoulli", "1.0.0",
                                    "stochastic K-armed Bernoulli bandit (means from the seed or a gap), oblivious",
                                    nullptr};
    using Params = StochasticParams;

    BernoulliBandit(const Params& p, uint64_t seed) : RewardTableEnv(p) {
        tsr::kit::Rng rng(seed);
        const tsr::Vec mu = draw_arm_means(p.arms, p.gap, rng);
        set_means(mu);
        for (int64_t t = 0; t < p.horizon; ++t)
            for (int64_t a = 0; a < p.arms; ++a) rewards_(t, a) = rng.bernoulli(mu(a)) ? 1.0 : 0.0;
        set_reward_range(0.0, 1.0);
    }
};

TSR_REGISTER(BernoulliBandit);

}  // namespace bandit_envs
