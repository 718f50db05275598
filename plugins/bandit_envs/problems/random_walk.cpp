// bandit.random_walk — adversarial (oblivious) K-armed losses from the multi-scale random walk of
// Dekel, Ding, Koren & Peres, "Bandits with switching costs: T^{2/3} regret" (STOC 2014), the
// instance behind the Ω̃(K^{1/3}T^{2/3}) lower bound with unit switching cost, and the one Cheng,
// Zhou & Ji (ICML 2023) build their budget lower bounds on.
//
//   δ(t) = max{i ≥ 0 : 2^i divides t},  ρ(t) = t − 2^{δ(t)}            (parent of t, t = 1..T)
//   W_0 = 0,  W_t = W_{ρ(t)} + ξ_t,  ξ_t ~ N(0, σ²) i.i.d.           (depth of the tree ≤ log₂T)
//   ℓ_t(a) = clip_[0,1]( 1/2 + W_t − ε·1{a = χ} ),  χ uniform in [0, K)
//   reward r_t(a) = −ℓ_t(a)  ∈ [−1, 0]
//
// Every arm sees the same walk W, so one round's losses reveal χ exactly (full information is
// cheap), while comparing two arms from bandit feedback needs rounds close in the walk's tree,
// i.e. switches: that is what makes bandits with switching costs Θ̃(T^{2/3}).
// Defaults (σ = 0, gap = 0) take Dekel et al.'s σ = 1/(9 log₂ T) and the lower-bound gap
// ε = K^{1/3} T^{−1/3} / (9 log₂ T); both can be set. Known optimum: arm χ (for ε > 0 and rare
// clipping); ground truth "rewards" (T × K); no "mean_rewards" (adversarial).
// Instance from the seed: χ first, then ξ_1, …, ξ_T.
#include <algorithm>
#include <bit>
#include <cmath>

#include <tessera/kit/rng.hpp>

#include "reward_table_env.hpp"

namespace bandit_envs {

class RandomWalkBandit : public RewardTableEnv {
public:
    static constexpr tsr::Info info{
        "bandit.random_walk", "1.0.0",
        "adversarial K-armed losses from a multi-scale random walk (switching-cost lower-bound instance), oblivious",
        "Dekel, Ding, Koren & Peres, Bandits with switching costs: T^{2/3} regret, STOC 2014"};
    struct Params : TableParams {
        double gap = 0.0;
        double sigma = 0.0;
        static void schema(tsr::Schema<Params>& s) {
            TableParams::add_to(s);
            s.real("gap", &Params::gap,
                   "epsilon: loss advantage of the best arm; 0: the lower-bound value K^(1/3) T^(-1/3) / (9 log2 T)",
                   {.min = 0.0, .max = 1.0});
            s.real("sigma", &Params::sigma, "standard deviation of the walk's increments; 0: 1 / (9 log2 T)",
                   {.min = 0.0});
        }
    };

    RandomWalkBandit(const Params& p, uint64_t seed) : RewardTableEnv(p) {
        const double log2T = std::max(1.0, std::log2(static_cast<double>(p.horizon)));
        const double sigma = p.sigma > 0.0 ? p.sigma : 1.0 / (9.0 * log2T);
        const double eps = p.gap > 0.0 ? p.gap
                                       : std::cbrt(static_cast<double>(p.arms) / static_cast<double>(p.horizon)) /
                                             (9.0 * log2T);
        tsr::kit::Rng rng(seed);
        best_ = static_cast<int64_t>(rng.below(static_cast<uint64_t>(p.arms)));
        tsr::Vec walk(p.horizon + 1);
        walk(0) = 0.0;
        for (int64_t t = 1; t <= p.horizon; ++t) {
            const int64_t parent = t - (int64_t{1} << std::countr_zero(static_cast<uint64_t>(t)));
            walk(t) = walk(parent) + rng.normal(0.0, sigma);
            for (int64_t a = 0; a < p.arms; ++a) {
                const double loss = 0.5 + walk(t) - (a == best_ ? eps : 0.0);
                rewards_(t - 1, a) = -std::clamp(loss, 0.0, 1.0);
            }
        }
        set_reward_range(-1.0, 0.0);
    }

private:
    int64_t best_;  // χ
};

TSR_REGISTER(RandomWalkBandit);

}  // namespace bandit_envs
