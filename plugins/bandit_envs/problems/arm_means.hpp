// arm_means.hpp — the arm means of the stochastic K-armed bandits (bandit.bernoulli,
// bandit.gaussian), drawn from the problem's seed.
//
//   gap = 0:  μ_a ~ U[0, 1] independently (the "means from the seed" instance);
//   gap > 0:  one best arm a* uniform in [0, K), μ_a* = 1/2 + gap/2, every other μ_a = 1/2 − gap/2
//             (the two-level instance whose suboptimality gap is exactly `gap`).
#pragma once

#include <tessera/kit/rng.hpp>
#include <tessera/sdk.hpp>

namespace bandit_envs {

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
