// arm_means.hpp — the arm means of the stochastic K-armed bandits (bandit.bernoulli,
// bandit.gaussian), drawn from the problem's seed.
//
//   gap = 0:  μ_a ~ U[0, 1] independently (the "means from the seed" instance);
//   gap > 0:  one best arm a* uniform in [0, K), μ_a* = 1/2 + gap/2, every other μ_a = 1/2 − gap/2
//             (the two-level instance whose suboptimality gap is exactly `gap`).
#pragma once

#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

#include "reward_table_env.hpp"

namespace bandit_envs {

// The parameters of a stochastic table environment: T, K, feedback and the gap of the means.
struct StochasticParams : TableParams {
    double gap = 0.0;

    template <class P>
    static void add_to(tsr::Schema<P>& s) {
        TableParams::add_to(s);
        s.real("gap", &P::gap, "0: means uniform in [0,1] from the seed; > 0: best arm 1/2 + gap/2, the others 1/2 - gap/2",
               {.min = 0.0, .max = 1.0});
    }
    static void schema(tsr::Schema<StochasticParams>& s) { add_to(s); }
};

inline tsr::Vec draw_arm_means(int64_t arms, double gap, tsr::kit::Rng& rng) {
    tsr::Vec mu(arms);
    if (gap > 0.0) {
        mu.setConstant(0.5 - gap / 2);
        mu(static_cast<int64_t>(rng.below(static_cast<uint64_t>(arms)))) = 0.5 + gap / 2;
    } else {
        for (int64_t a = 0; a < arms; ++a) mu(a) = rng.uniform();
    }
    return mu;
}

}  // namespace bandit_envs
