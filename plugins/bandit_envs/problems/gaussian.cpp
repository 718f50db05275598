// bandit.gaussian — the stochastic K-armed Gaussian bandit.
//
//   r_t(a) = μ_a + σ z_{t,a},  z ~ N(0, 1) independently over t and a.
//
// Instance from the seed: the means (arm_means.hpp), then the T × K table row by row. Ground
// truth: "rewards" and "mean_rewards" (every row μ). Rewards are unbounded (reward_min/max ±inf):
// algorithms that rescale rewards to [0, 1] treat them as if in [0, 1] (algorithms/reward_scale.hpp).
#include "arm_means.hpp"

namespace bandit_envs {

class GaussianBandit : public RewardTableEnv {
public:
    static constexpr tsr::Info info{"bandit.gaussian", "1.0.0",
                                    "stochastic K-armed Gaussian bandit (means from the seed or a gap), oblivious",
                                    nullptr};
    struct Params : StochasticParams {
        double sigma = 1.0;
        static void schema(tsr::Schema<Params>& s) {
            StochasticParams::add_to(s);
            s.real("sigma", &Params::sigma, "standard deviation of the reward noise", {.min = 0.0});
        }
    };

    GaussianBandit(const Params& p, uint64_t seed) : RewardTableEnv(p) {
        tsr::kit::Rng rng(seed);
        const tsr::Vec mu = draw_arm_means(p.arms, p.gap, rng);
        set_means(mu);
        for (int64_t t = 0; t < p.horizon; ++t)
            for (int64_t a = 0; a < p.arms; ++a) rewards_(t, a) = rng.normal(mu(a), p.sigma);
    }
};

TSR_REGISTER(GaussianBandit);

}  // namespace bandit_envs
